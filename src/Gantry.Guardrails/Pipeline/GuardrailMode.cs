namespace Gantry.Guardrails.Pipeline;

/// <summary>What a tenant wants done when a check fires. Ordered by severity: a larger value wins.</summary>
public enum GuardrailMode
{
    /// <summary>The check does not run.</summary>
    Off = 0,
    /// <summary>The check runs; a hit is reported in the verdict and the text passes unchanged.</summary>
    Flag = 1,
    /// <summary>A hit's spans are replaced by a placeholder such as <c>[EMAIL]</c>. Checks without spans to
    /// replace (injection) treat this as <see cref="Flag"/>.</summary>
    Redact = 2,
    /// <summary>A hit rejects the request, or ends the stream with <c>content_filter</c>.</summary>
    Block = 3,
}
