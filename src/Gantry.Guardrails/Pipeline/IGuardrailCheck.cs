namespace Gantry.Guardrails.Pipeline;

/// <summary>
/// One check of the pipeline. Implementations are stateless and thread-safe: one instance serves every request.
/// A check only reports what it finds into <paramref name="findings"/>; the pipeline decides, from the tenant's
/// mode for <see cref="Name"/>, whether that flags, redacts or blocks.
/// </summary>
public interface IGuardrailCheck
{
    /// <summary>Key into <see cref="GuardrailPolicy.Modes"/>; see <see cref="GuardrailCheckNames"/>.</summary>
    string Name { get; }

    /// <summary>Input, output or both.</summary>
    GuardrailStage Stages { get; }

    /// <summary>Scans <paramref name="text"/>. Offsets reported are UTF-16 indices into <paramref name="text"/>.</summary>
    void Inspect(string text, GuardrailPolicy policy, GuardrailFindings findings);
}
