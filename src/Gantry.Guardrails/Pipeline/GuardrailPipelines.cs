using Gantry.Guardrails.Content;
using Gantry.Guardrails.Injection;
using Gantry.Guardrails.Pii;

namespace Gantry.Guardrails.Pipeline;

/// <summary>The default pipelines, assembled in one place. Input: injection, PII, secrets, content. Output: PII,
/// secrets, content (injection is an input concern).</summary>
public static class GuardrailPipelines
{
    /// <summary>The built-in checks in pipeline order; each one is stateless and shared.</summary>
    public static IReadOnlyList<IGuardrailCheck> BuiltInChecks { get; } =
        [new InjectionCheck(), new PiiCheck(), new SecretsCheck(), new ContentPolicyCheck()];

    public static GuardrailPipeline Input { get; } = new(GuardrailStage.Input, BuiltInChecks);

    public static GuardrailPipeline Output { get; } = new(GuardrailStage.Output, BuiltInChecks);

    public static GuardrailPipeline For(GuardrailStage stage) => stage == GuardrailStage.Output ? Output : Input;
}
