using C = Gantry.Guardrails.Injection.InjectionLexicon.Concept;

namespace Gantry.Guardrails.Injection;

/// <summary>
/// The dense features the learned model reads beside the n-grams: the heuristics' combined score, the strongest
/// weight per group of techniques, whether a trick had to be undone, how strongly the text speaks about injection
/// rather than performing it, and where it sits (instruction-like hits inside embedded content; content origin).
/// </summary>
internal static class InjectionFeatures
{
    private const int Dense = 12;
    private const int Lexicon = Dense;
    private const int Pairs = Lexicon + InjectionLexicon.ConceptCount;
    private const int Structure = Pairs + PairCount;

    private const int Sequence = Structure + 6;

    /// <summary>Index of the feature "an operation within a clause of a target" (tests read it).</summary>
    internal const int OperationOnTargetFeature = Structure + 4;

    /// <summary>Two quotation features (<see cref="QuotedFeatures"/>) and one reported-speech feature
    /// (<see cref="ReportedFeature"/>) after the concept bigrams.</summary>
    private const int Quoted = Sequence + InjectionLexicon.ConceptCount * InjectionLexicon.ConceptCount;

    /// <summary>Indexes of the quotation and reported-speech features (tests read them).</summary>
    internal const int QuotedShareFeature = Quoted, QuotedDiscussionFeature = Quoted + 1, ReportedInstructionFeature = Quoted + 2;

    /// <summary>12 heuristic and position features, one per lexicon concept, one per concept pair, 6 structure
    /// features (how many pairs fired; a pair, a word addressing the model, an attack concept, each inside
    /// embedded content; an operation near a target, and the same also addressed to the model), then one per ordered concept bigram (concept A's word directly followed by concept B's
    /// within <see cref="NextChars"/>): the text's syntax read at the level of concepts, so "cancel, earlier,
    /// instructions" is one shape in every wording and language.
    /// The last two: the share of attack-operation words that sit inside quotation marks, and that share when the
    /// words outside the quotes discuss attacks (a text that quotes an attack in order to talk about it).
    /// Then whether a cancel or policy-change word sits near a report of someone else's words ("my boss said").</summary>
    public const int Count = Speaker + SpeakerFeatures.Count;

    /// <summary>Where <see cref="SpeakerFeatures"/>' features start (seventh round): quoted evidence, a human
    /// greeted, the user pacing their own turns, a cancel aimed at the model's own setup.</summary>
    internal const int Speaker = Mention + MentionFeatures.Count;

    /// <summary>Where <see cref="MentionFeatures"/>' features start (sixth round): an instruction mentioned, not used.</summary>
    internal const int Mention = Audience + AudienceFeatures.Count;

    /// <summary>Where <see cref="AudienceFeatures"/>' features start (fifth round): who a directive is for.</summary>
    internal const int Audience = Addressed + AddressedDirectives.Count;

    /// <summary>Where <see cref="AddressedDirectives"/>' features start: orders addressed to the model inside
    /// content, read per sentence.</summary>
    internal const int Addressed = Quoted + 3;

    /// <summary>Characters within which one concept's word counts as following another's.</summary>
    private const int NextChars = 48;

    /// <summary>Characters within which two concepts count as one phrase.</summary>
    private const int NearChars = 80;

    private const int PairCount = 25;

    /// <summary>The concept pairs that make an attack's structure: an operation (cancel, copy out, pin the
    /// output, change the policy, take a persona) meeting its target (the instructions, what came earlier, the
    /// hidden setup, the limits) or its justification (regardless, a permission), or an operation addressed to
    /// the model.</summary>
    private static readonly (InjectionLexicon.Concept A, InjectionLexicon.Concept B)[] PairList =
    [
        (C.Cancel, C.Instructions), (C.Cancel, C.Prior), (C.Prior, C.Instructions), (C.CopyOut, C.Instructions),
        (C.CopyOut, C.Secret), (C.CopyOut, C.Prior), (C.Secret, C.Instructions), (C.Persona, C.NoLimits),
        (C.Persona, C.Mode), (C.NoLimits, C.Mode), (C.OutputOnly, C.Regardless), (C.OutputOnly, C.Cancel),
        (C.OutputOnly, C.Instructions), (C.PolicyChange, C.Instructions), (C.PolicyChange, C.Permission),
        (C.Permission, C.Instructions), (C.PolicyChange, C.NoLimits), (C.AddressModel, C.Cancel),
        (C.AddressModel, C.CopyOut), (C.AddressModel, C.OutputOnly), (C.Regardless, C.Instructions),
        (C.HarmfulAsk, C.Persona), (C.AddressModel, C.NoLimits),
        (C.SecondPerson, C.Instructions), (C.SecondPerson, C.Cancel),
    ];

    [ThreadStatic] private static List<int>[]? t_positions;

    /// <summary>Fills <paramref name="features"/> (length <see cref="Count"/>) from one heuristic analysis.</summary>
    /// <param name="evidence">The heuristics' evidence from index <paramref name="first"/> on.</param>
    public static void Fill(string text, TextOrigin origin, double heuristicScore, List<InjectionEvidence> evidence,
        int first, List<(int Start, int End)> content, Span<float> features)
    {
        features.Clear();
        features[0] = (float)heuristicScore;
        for (var i = first; i < evidence.Count; i++)
        {
            var e = evidence[i];
            var slot = Slot(e.Technique);
            features[slot] = Math.Max(features[slot], (float)e.Weight);
            var inContent = origin == TextOrigin.Content || ContentSegments.Inside(content, e.Start, e.End);
            if (inContent && slot is >= 1 and <= 5) features[9] = Math.Max(features[9], (float)e.Weight);
        }
        features[8] = content.Count > 0 ? 1 : 0;
        features[10] = origin == TextOrigin.Content ? 1 : 0;
        features[11] = MathF.Min(1, text.Length / 4096f);
        SpeakerFeatures.FillEvidence(text, heuristicScore, evidence, first, features[Speaker..]);
    }

    /// <summary>Fills the lexicon, pair and structure features: concepts in the folded feature text, and again
    /// in each content segment of the original text (or the whole text when its origin is content), where an
    /// instruction to the model is the mark of indirect injection.</summary>
    public static void FillLexicon(string featureText, string text, TextOrigin origin, List<(int Start, int End)> content, Span<float> features)
    {
        var p = Positions();
        InjectionLexicon.Find(featureText, p);
        for (var c = 0; c < InjectionLexicon.ConceptCount; c++) features[Lexicon + c] = p[c].Count > 0 ? 1 : 0;
        var fired = 0;
        for (var i = 0; i < PairList.Length; i++)
        {
            features[Pairs + i] = Near(p, PairList[i].A, PairList[i].B);
            fired += (int)features[Pairs + i];
        }
        features[Structure] = MathF.Min(1, fired / 4f);
        OperationOnTarget(p, features);
        FillSequence(p, features[Sequence..]);
        var structured = StructuredCarrier.Is(text);
        QuotedFeatures(featureText, structured, p, features);
        ReportedFeature(featureText, p, features);
        AudienceFeatures.Fill(featureText, p, features[Audience..]);
        MentionFeatures.Fill(featureText, structured, p, features[Mention..]);
        SpeakerFeatures.Fill(featureText, p, features[Speaker..]);
        if (origin == TextOrigin.Content) ContentFeatures(p, 0, int.MaxValue, features);
        else if (content.Count > 0)
        {
            // One pass over the original text; each segment then reads the positions inside it.
            InjectionLexicon.Find(text, p, max: 64);
            foreach (var (start, end) in content) ContentFeatures(p, start, end, features);
        }
    }

    private static readonly C[] Operations = [C.Cancel, C.CopyOut, C.OutputOnly, C.PolicyChange, C.Persona];
    private static readonly C[] Targets = [C.Instructions, C.Prior, C.Secret, C.NoLimits, C.Regardless, C.Permission, C.Mode];

    /// <summary>The attack's shape in one feature, whatever the words: an operation (cancel, copy out, pin the
    /// output, change policy, take a persona) within a clause of a target (instructions, what came earlier,
    /// the hidden setup, limits, "regardless", a permission, a mode); and the same with the model addressed
    /// ("you", "your", "AI", "assistant") nearby.</summary>
    private static void OperationOnTarget(List<int>[] p, Span<float> features)
    {
        foreach (var op in Operations)
            foreach (var x in p[(int)op])
            {
                var target = false;
                foreach (var t in Targets)
                    foreach (var y in p[(int)t])
                        if (Math.Abs(x - y) <= NearChars) { target = true; break; }
                if (!target) continue;
                features[Structure + 4] = 1;
                foreach (var y in p[(int)C.SecondPerson]) if (Math.Abs(x - y) <= NearChars) { features[Structure + 5] = 1; return; }
                foreach (var y in p[(int)C.AddressModel]) if (Math.Abs(x - y) <= NearChars) { features[Structure + 5] = 1; return; }
            }
    }

    /// <summary>Words that report another person's instruction rather than give one to the model.</summary>
    private static readonly System.Buffers.SearchValues<string> Reported = System.Buffers.SearchValues.Create(
        ["said to", "said that", "says to", "says that", "told me", "told us", "told them", "wants us", "wants me", "asked us",
         "asked me to", "wrote that", "announced", "my boss", "my manager", "my teacher", "my landlord", "our boss", "our manager",
         "the teacher", "the manager", "according to", "m'a dit", "nous a dit", "hat gesagt", "hat mir gesagt", "me dijo", "nos dijo",
         "mi ha detto", "me disse"], StringComparison.OrdinalIgnoreCase);

    private static void ReportedFeature(string featureText, List<int>[] p, Span<float> features)
    {
        if (p[(int)C.Cancel].Count == 0 && p[(int)C.PolicyChange].Count == 0) return;
        var span = featureText.AsSpan();
        for (var at = 0; at < span.Length;)
        {
            var k = span[at..].IndexOfAny(Reported);
            if (k < 0) return;
            var x = at + k;
            foreach (var c in (ReadOnlySpan<C>)[C.Cancel, C.PolicyChange])
                foreach (var y in p[(int)c])
                    if (Math.Abs(x - y) <= NearChars) { features[Quoted + 2] = 1; return; }
            at = x + 1;
        }
    }

    private static readonly C[] AttackOperations = [C.Cancel, C.CopyOut, C.OutputOnly, C.PolicyChange, C.Persona, C.NoLimits, C.Mode];

    /// <summary>Quoting an attack is how texts about attacks use its words; performing it rarely needs quotes
    /// around the operation itself. Quotes: straight and typographic double quotes, guillemets, CJK corner
    /// brackets, and single quotes that open after a non-letter (so "don't" opens nothing).</summary>
    /// <remarks>In structured data (<see cref="StructuredCarrier"/>) the quotes that open a field do not quote.</remarks>
    private static void QuotedFeatures(string featureText, bool structured, List<int>[] p, Span<float> features)
    {
        int inside = 0, total = 0;
        foreach (var op in AttackOperations)
            foreach (var at in p[(int)op])
            {
                total++;
                if (InsideQuotes(featureText, at, structured)) inside++;
            }
        if (total == 0) return;
        var share = (float)inside / total;
        features[Quoted] = share;
        if (inside == 0) return;
        foreach (var at in p[(int)C.Discussion])
            if (!InsideQuotes(featureText, at, structured)) { features[Quoted + 1] = share; return; }
    }

    /// <summary>Whether an odd number of opening quotes precede <paramref name="at"/> on its line or sentence
    /// run (bounded look-back, so the cost stays linear in practice).</summary>
    internal static bool InsideQuotes(string text, int at, bool structured = false)
    {
        var open = '\0';
        var start = Math.Max(0, at - 400);
        for (var i = start; i < at; i++)
        {
            var c = text[i];
            if (open == '\0')
            {
                // A field of structured data (a JSON value, a CSV cell): skip to its closing quote, unquoted.
                if (structured && c is '"' or '\'' && StructuredCarrier.OpensField(text, i))
                {
                    var close = text.IndexOf(c, i + 1);
                    if (close < 0 || close >= at) return false;
                    i = close;
                    continue;
                }
                if (c is '"' or '\u201C' or '\u00AB' or '\u300C' or '\u201E') open = c;
                else if (c == '\'' && (i == 0 || !char.IsLetterOrDigit(text[i - 1]))) open = c;
            }
            else if (c == Closing(open) && !(c == '\'' && i + 1 < text.Length && char.IsLetter(text[i + 1]))) open = '\0';
        }
        return open != '\0';
    }

    private static char Closing(char open) => open switch
    {
        '\u201C' or '\u201E' => '\u201D',
        '\u00AB' => '\u00BB',
        '\u300C' => '\u300D',
        _ => open,
    };

    [ThreadStatic] private static List<(int At, int Concept)>? t_hits;

    /// <summary>Sets bigram (a, b) when a word of concept a is followed by one of concept b, with no other
    /// concept's word between them, within <see cref="NextChars"/> characters.</summary>
    private static void FillSequence(List<int>[] p, Span<float> bigrams)
    {
        var hits = t_hits ??= new List<(int, int)>(64);
        hits.Clear();
        for (var c = 0; c < InjectionLexicon.ConceptCount; c++)
            foreach (var at in p[c]) hits.Add((at, c));
        hits.Sort();
        for (var i = 1; i < hits.Count; i++)
        {
            var (before, after) = (hits[i - 1], hits[i]);
            if (after.At - before.At <= NextChars) bigrams[before.Concept * InjectionLexicon.ConceptCount + after.Concept] = 1;
        }
    }

    /// <summary>The content features of the concept words found in [start, end).</summary>
    private static void ContentFeatures(List<int>[] p, int start, int end, Span<float> features)
    {
        var pair = 0f;
        foreach (var (a, b) in PairList)
            if (NearIn(p[(int)a], p[(int)b], start, end)) { pair = 1; break; }
        features[Structure + 1] = Math.Max(features[Structure + 1], pair);
        if (AnyIn(p[(int)C.AddressModel], start, end)) features[Structure + 2] = 1;
        if (AnyIn(p[(int)C.Cancel], start, end) || AnyIn(p[(int)C.CopyOut], start, end) ||
            AnyIn(p[(int)C.OutputOnly], start, end) || AnyIn(p[(int)C.PolicyChange], start, end))
            features[Structure + 3] = 1;
    }

    private static bool AnyIn(List<int> a, int start, int end)
    {
        foreach (var x in a) if (x >= start && x < end) return true;
        return false;
    }

    private static bool NearIn(List<int> a, List<int> b, int start, int end)
    {
        foreach (var x in a)
        {
            if (x < start || x >= end) continue;
            foreach (var y in b)
                if (y >= start && y < end && Math.Abs(x - y) <= NearChars) return true;
        }
        return false;
    }

    private static List<int>[] Positions() =>
        t_positions ??= [.. Enumerable.Range(0, InjectionLexicon.ConceptCount).Select(_ => new List<int>())];

    private static float Near(List<int>[] p, C a, C b) => InjectionLexicon.Near(p[(int)a], p[(int)b], NearChars) ? 1 : 0;

    /// <summary>1 override, 2 persona and jailbreak, 3 system-prompt extraction, 4 new instructions and authority,
    /// 5 fake delimiters and decode-and-follow, 6 obfuscation undone (hits found only after decoding or folding),
    /// 7 character tricks alone (invisible, tags, bidi, homoglyph).</summary>
    private static int Slot(string technique) => technique switch
    {
        InjectionTechniques.InstructionOverride => 1,
        InjectionTechniques.RoleEscape or InjectionTechniques.Jailbreak or InjectionTechniques.NoRestrictions => 2,
        InjectionTechniques.SystemPromptExfiltration => 3,
        InjectionTechniques.NewInstructions or InjectionTechniques.AuthorityClaim => 4,
        InjectionTechniques.FakeDelimiter or InjectionTechniques.DecodeAndFollow => 5,
        InjectionTechniques.EncodedPayload or InjectionTechniques.Leetspeak or InjectionTechniques.FoldedText => 6,
        _ => 7,
    };
}
