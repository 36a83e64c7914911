namespace Gantry.Server.Cascade;

/// <summary>Why a cascade's small model was overruled; <see cref="None"/> when its answer stands.</summary>
public enum EscalationReason
{
    None,

    /// <summary>The mean log-probability of its tokens is below the cascade's threshold (or it generated none).</summary>
    LowConfidence,

    /// <summary>The request asked for JSON (<c>response_format</c>) and an answer does not parse as JSON.</summary>
    InvalidFormat,

    /// <summary>An output guardrail would block or redact the answer.</summary>
    Guardrail,

    /// <summary>The small model failed (an engine error) on some choice.</summary>
    Error,
}

/// <summary>
/// What the small model's answer showed: the mean natural-log probability of its generated tokens over all choices
/// (NaN when it generated none), whether its text has the format the request asked for (null: none asked), whether an
/// output guardrail would block or redact it, and whether a choice failed.
/// </summary>
public readonly record struct CascadeSignals(double MeanLogProb, bool? FormatValid, bool GuardrailFired, bool Failed);

/// <summary>
/// The escalation rule of a cascade, a pure function so it can be fed crafted confidences. Checked in order of how
/// plainly the answer is unusable: a failure, a wrong format, a guardrail verdict, then confidence — the mean token
/// log-probability must reach <c>minMeanLogProb</c> (a threshold above 0 therefore always escalates, and
/// <see cref="double.NegativeInfinity"/> never does on confidence alone).
/// </summary>
public static class CascadePolicy
{
    public static EscalationReason Decide(CascadeSignals signals, double minMeanLogProb)
    {
        if (signals.Failed) return EscalationReason.Error;
        if (signals.FormatValid == false) return EscalationReason.InvalidFormat;
        if (signals.GuardrailFired) return EscalationReason.Guardrail;
        // NaN (no tokens) fails the comparison: an empty answer carries no confidence.
        if (!(signals.MeanLogProb >= minMeanLogProb)) return EscalationReason.LowConfidence;
        return EscalationReason.None;
    }

    /// <summary>The reason's name in headers and metric labels (<c>low_confidence</c>, <c>invalid_format</c>, …).</summary>
    public static string Name(EscalationReason reason) => reason switch
    {
        EscalationReason.None => "none",
        EscalationReason.LowConfidence => "low_confidence",
        EscalationReason.InvalidFormat => "invalid_format",
        EscalationReason.Guardrail => "guardrail",
        EscalationReason.Error => "error",
        _ => throw new ArgumentOutOfRangeException(nameof(reason)),
    };
}
