namespace Gantry.Models.Lora;

/// <summary>The weight matrices of a decoder block that an adapter may carry a low-rank delta for.</summary>
public enum LoraTarget
{
    Query,
    Key,
    Value,
    Output,
    Gate,
    Up,
    Down,
}

/// <summary>Maps targets to the llama.cpp tensor names (<c>blk.N.attn_q.weight</c> …) adapter files key them by.</summary>
public static class LoraTargets
{
    public const int Count = 7;

    private static readonly string[] Names = ["attn_q", "attn_k", "attn_v", "attn_output", "ffn_gate", "ffn_up", "ffn_down"];

    /// <summary>The tensor's short name within a block, e.g. <c>attn_q</c>.</summary>
    public static string TensorName(LoraTarget target) => Names[(int)target];

    public static bool TryParse(string tensorName, out LoraTarget target)
    {
        var i = Array.IndexOf(Names, tensorName);
        target = (LoraTarget)Math.Max(i, 0);
        return i >= 0;
    }
}
