namespace Gantry.Models.Lora;

/// <summary>
/// One low-rank delta <c>ΔW = B·A</c> for one weight matrix of shape (Out, In), kept as F32 whatever the file stored.
/// B is kept transposed so applying it is Rank contiguous axpys over the output row instead of Out short dot products.
/// A may be a view into the adapter file's mapping (F32 files) rather than an array of its own.
/// </summary>
public sealed class LoraWeights
{
    public LoraWeights(ReadOnlyMemory<float> a, float[] bTransposed, int rank, int inputs, int outputs)
    {
        if (a.Length != rank * inputs) throw new ArgumentException($"A needs {rank}×{inputs} values", nameof(a));
        if (bTransposed.Length != rank * outputs) throw new ArgumentException($"Bᵀ needs {rank}×{outputs} values", nameof(bTransposed));
        A = a;
        BTransposed = bTransposed;
        Rank = rank;
        Inputs = inputs;
        Outputs = outputs;
    }

    public ReadOnlyMemory<float> A { get; }  // (rank, in) row-major, as lora_a is stored
    public float[] BTransposed { get; }      // (rank, out): row j is column j of lora_b (out, rank)
    public int Rank { get; }
    public int Inputs { get; }
    public int Outputs { get; }
}
