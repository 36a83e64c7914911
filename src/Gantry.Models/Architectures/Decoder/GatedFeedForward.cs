using Gantry.Models.Lora;
using Gantry.Tensors.Kernels;

namespace Gantry.Models.Architectures.Decoder;

/// <summary>
/// <c>y = Down · (act(Gate·x) ⊙ Up·x)</c> over n rows at once, so each weight matrix streams from memory once for
/// all of them. The dense feed-forward of every family, each expert of a mixture, and Qwen2-MoE's shared expert.
/// </summary>
internal sealed class GatedFeedForward(MatMul matMul, FeedForwardActivation activation)
{
    /// <param name="x">(n, dim) normalised input rows.</param>
    /// <param name="gate">(≥ n·ff) scratch.</param>
    /// <param name="up">(≥ n·ff) scratch.</param>
    /// <param name="output">(n, dim) result.</param>
    /// <param name="lora">Adds the batch's LoRA deltas of <paramref name="layer"/> beside each matmul; null for experts.</param>
    public void Run(in FeedForwardWeights w, ReadOnlySpan<float> x, int n, Span<float> gate, Span<float> up, Span<float> output, LoraProjector? lora = null, int layer = 0)
    {
        var ff = w.Gate.Rows;
        var g = gate[..(n * ff)];
        var u = up[..(n * ff)];
        matMul.Multiply(w.Gate, w.Up, x, n, g, u);
        lora?.Apply(layer, LoraTarget.Gate, x, g);
        lora?.Apply(layer, LoraTarget.Up, x, u);
        if (activation == FeedForwardActivation.GeluTanh) GeluTanh.Apply(g, u, g);
        else SwiGlu.Apply(g, u, g);
        matMul.Multiply(w.Down, g, n, output[..(n * w.Down.Rows)]);
        lora?.Apply(layer, LoraTarget.Down, g, output);
    }
}
