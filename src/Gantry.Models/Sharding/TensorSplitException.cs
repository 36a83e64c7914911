namespace Gantry.Models.Sharding;

/// <summary>
/// A model cannot be split into the tensor-parallel shards asked for: its heads, KV heads or feed-forward width do not
/// divide by the shard count, a column slice would cut a quantization block, or the model has parts (experts) that
/// are not split yet. Raised at load time, before any weight is touched.
/// </summary>
public sealed class TensorSplitException : Exception
{
    public TensorSplitException(string message) : base(message) { }
}
