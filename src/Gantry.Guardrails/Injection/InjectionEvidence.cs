namespace Gantry.Guardrails.Injection;

/// <summary>
/// One reason the injection score went up: the technique (see <see cref="InjectionTechniques"/>), where in the
/// scanned text it was matched ([Start, End) in UTF-16 code units) and the weight it contributed before combining.
/// Holds offsets, not text, so it can be logged.
/// </summary>
public readonly record struct InjectionEvidence(string Technique, int Start, int End, double Weight);
