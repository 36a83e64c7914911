namespace Gantry.Guardrails.Injection;

/// <summary>
/// The dense features the learned model reads beside the n-grams: the heuristics' combined score, the strongest
/// weight per group of techniques, whether a trick had to be undone, how strongly the text speaks about injection
/// rather than performing it, and where it sits (instruction-like hits inside embedded content; content origin).
/// </summary>
internal static class InjectionFeatures
{
    /// <summary>12 heuristic and position features, one per lexicon concept, then 6 concept pairs.</summary>
    public const int Count = 12 + InjectionLexicon.ConceptCount + 6;

    /// <summary>Characters within which two concepts count as one phrase.</summary>
    private const int NearChars = 80;

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
    }

    /// <summary>Fills the lexicon features (from index 12) from the folded feature text.</summary>
    public static void FillLexicon(string featureText, Span<float> features)
    {
        var p = t_positions ??= [.. Enumerable.Range(0, InjectionLexicon.ConceptCount).Select(_ => new List<int>())];
        InjectionLexicon.Find(featureText, p);
        for (var c = 0; c < InjectionLexicon.ConceptCount; c++) features[12 + c] = p[c].Count > 0 ? 1 : 0;
        var pair = 12 + InjectionLexicon.ConceptCount;
        features[pair] = Near(p, InjectionLexicon.Concept.Cancel, InjectionLexicon.Concept.Instructions);
        features[pair + 1] = Near(p, InjectionLexicon.Concept.CopyOut, InjectionLexicon.Concept.Instructions);
        features[pair + 2] = Near(p, InjectionLexicon.Concept.Persona, InjectionLexicon.Concept.NoLimits);
        features[pair + 3] = Math.Max(Near(p, InjectionLexicon.Concept.OutputOnly, InjectionLexicon.Concept.Cancel),
            Near(p, InjectionLexicon.Concept.OutputOnly, InjectionLexicon.Concept.Instructions));
        features[pair + 4] = Math.Max(Near(p, InjectionLexicon.Concept.PolicyChange, InjectionLexicon.Concept.Instructions),
            Near(p, InjectionLexicon.Concept.PolicyChange, InjectionLexicon.Concept.NoLimits));
        features[pair + 5] = Math.Max(Near(p, InjectionLexicon.Concept.AddressModel, InjectionLexicon.Concept.Cancel),
            Near(p, InjectionLexicon.Concept.AddressModel, InjectionLexicon.Concept.OutputOnly));
    }

    private static float Near(List<int>[] p, InjectionLexicon.Concept a, InjectionLexicon.Concept b) =>
        InjectionLexicon.Near(p[(int)a], p[(int)b], NearChars) ? 1 : 0;

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
