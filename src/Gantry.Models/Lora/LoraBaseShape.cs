namespace Gantry.Models.Lora;

/// <summary>
/// What an adapter must match in its base model: the architecture name, the layer count and, for each target the
/// model can apply a delta to, its (input, output) width. Targets a model cannot adapt (fused QKV, experts) are absent.
/// </summary>
public sealed class LoraBaseShape
{
    private readonly (int In, int Out)?[] _targets = new (int, int)?[LoraTargets.Count];

    public LoraBaseShape(string architecture, int layerCount)
    {
        Architecture = architecture;
        LayerCount = layerCount;
    }

    public string Architecture { get; }

    public int LayerCount { get; }

    /// <summary>Declares that <paramref name="target"/> is a (<paramref name="outputs"/>, <paramref name="inputs"/>) matrix in every layer.</summary>
    public LoraBaseShape With(LoraTarget target, int inputs, int outputs)
    {
        _targets[(int)target] = (inputs, outputs);
        return this;
    }

    /// <summary>The target's (input, output) width, or null when the model cannot adapt it.</summary>
    public (int In, int Out)? Target(LoraTarget target) => _targets[(int)target];
}
