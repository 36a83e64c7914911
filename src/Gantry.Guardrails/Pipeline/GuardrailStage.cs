namespace Gantry.Guardrails.Pipeline;

/// <summary>Which side of the model a text comes from; a check declares the stages it applies to.</summary>
[Flags]
public enum GuardrailStage
{
    /// <summary>A prompt or message sent to the model.</summary>
    Input = 1,
    /// <summary>A completion produced by the model.</summary>
    Output = 2,
    /// <summary>Both sides.</summary>
    Both = Input | Output,
}
