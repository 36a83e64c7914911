using Gantry.Guardrails.Injection;

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

    /// <summary>Scans <paramref name="text"/>, which sits at <paramref name="origin"/> in the prompt. Offsets
    /// reported are UTF-16 indices into <paramref name="text"/>.</summary>
    void Inspect(string text, TextOrigin origin, GuardrailPolicy policy, GuardrailFindings findings);
}
