using Gantry.Guardrails.Injection;
using Gantry.Guardrails.Pii;

namespace Gantry.Guardrails.Pipeline;

/// <summary>
/// What one check found in one text: the sink a check writes into. The pipeline gives each check a fresh instance
/// (or a <see cref="Clear"/>ed one) and applies the tenant's mode to it afterwards. Not thread-safe: owned by the
/// request that is being scanned.
/// </summary>
public sealed class GuardrailFindings
{
    private readonly List<string> _categories = [];
    private readonly List<PiiSpan> _pii = [];
    private readonly List<InjectionEvidence> _evidence = [];
    private readonly List<(int Start, int End, string Placeholder)> _redactions = [];

    /// <summary>Whether the check fired (it flagged at least one category).</summary>
    public bool Triggered => _categories.Count > 0;

    /// <summary>Categories the check flags, e.g. <c>injection</c>, <c>pii</c>, <c>content:malware</c>.</summary>
    public IReadOnlyList<string> Categories => _categories;

    public IReadOnlyList<PiiSpan> Pii => _pii;

    public IReadOnlyList<InjectionEvidence> Evidence => _evidence;

    /// <summary>Spans to replace when the mode is <see cref="GuardrailMode.Redact"/>.</summary>
    public IReadOnlyList<(int Start, int End, string Placeholder)> Redactions => _redactions;

    /// <summary>The injection score in [0, 1], when the check computes one.</summary>
    public double? InjectionScore { get; set; }

    public void Flag(string category)
    {
        if (!_categories.Contains(category)) _categories.Add(category);
    }

    public void AddPii(PiiSpan span, string category)
    {
        _pii.Add(span);
        _redactions.Add((span.Start, span.End, PiiTypes.Placeholder(span.Type)));
        Flag(category);
    }

    public void AddRedaction(int start, int end, string placeholder) => _redactions.Add((start, end, placeholder));

    public void AddEvidence(InjectionEvidence evidence) => _evidence.Add(evidence);

    public void Clear()
    {
        _categories.Clear();
        _pii.Clear();
        _evidence.Clear();
        _redactions.Clear();
        InjectionScore = null;
    }
}
