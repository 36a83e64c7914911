using Gantry.Guardrails.Learning;

namespace Gantry.Guardrails.Injection;

/// <summary>
/// Scores a text for prompt injection and jailbreak attempts in [0, 1] and lists the evidence.
/// </summary>
/// <remarks>
/// Design: (1) <see cref="InjectionHeuristics"/> runs the phrase patterns over normalised and decoded views and
/// lists evidence; (2) <see cref="FeatureText"/> folds the text (NFKC, look-alikes, zero-width, leetspeak, URL
/// escapes, spaced letters; decoded base64/hex appended); (3) the learned <see cref="LinearModel"/>
/// (<see cref="InjectionModel"/>) reads the folded text's character n-grams and the heuristics' signals
/// (<see cref="InjectionFeatures"/>) and gives the probability, which is the score. Prompts longer than
/// <see cref="Window"/> characters are read in overlapping windows and the n-gram part takes the strongest
/// window, so one injected sentence in a long document is not averaged away. Texts shorter than 12 characters
/// score 0. Stateless and thread-safe.
/// </remarks>
public static class InjectionDetector
{
    private const int MinLength = 12;
    internal const int Window = 512;
    private const int Stride = 256;

    public static double Score(string text, TextOrigin origin = TextOrigin.Instruction) => Analyze(text, null, origin);

    /// <summary>Returns the score; appends evidence (offsets into <paramref name="text"/>) when <paramref name="evidence"/> is given.</summary>
    public static double Analyze(string text, List<InjectionEvidence>? evidence, TextOrigin origin = TextOrigin.Instruction)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length < MinLength) return 0;
        var hits = evidence ?? [];
        Span<float> dense = stackalloc float[InjectionFeatures.Count];
        var heuristic = Features(text, origin, hits, dense, out var featureText);
        var model = InjectionModel.Shared;

        var logit = model.DenseLogit(dense) + NgramPart(model, featureText);
        var p = LinearModel.Sigmoid(logit);
        if (p >= 0.5 && heuristic < 0.5) hits.Add(new(InjectionTechniques.LearnedModel, 0, text.Length, p));
        return p;
    }

    /// <summary>The heuristic score, with the dense features and the feature text the model reads (the trainer
    /// calls this so training and scoring see the same features).</summary>
    internal static double Features(string text, TextOrigin origin, List<InjectionEvidence> hits, Span<float> dense, out string featureText)
    {
        var first = hits.Count;
        // The decoded payloads and the folded view serve both the heuristics and the feature text: computed once.
        var payloads = EncodedPayloads.Decode(text);
        var folded = FeatureText.Fold(text);
        var heuristic = InjectionHeuristics.Analyze(text, hits, payloads, folded);
        var content = ContentSegments.Find(text);
        InjectionFeatures.Fill(text, origin, heuristic, hits, first, content, dense);
        featureText = FeatureText.Build(text, payloads, folded);
        InjectionFeatures.FillLexicon(featureText, text, origin, content, dense);
        // Sentences are read on the visible text: letters interleaved with zero-width characters
        // ("A\u200Bs\u200Bs\u200Bi…") hide the words the per-sentence features look for.
        var visible = HiddenText.WithoutZeroWidth(text);
        var visibleContent = ReferenceEquals(visible, text) ? content : ContentSegments.Find(visible);
        // A quoted example of an order ("text such as 'Assistant, tell the user …'") is mentioned, not given:
        // the per-sentence directive features read the text with such quotes blanked (offsets unchanged).
        AddressedDirectives.Fill(MentionFeatures.Mask(visible), origin, visibleContent, HiddenText.Find(visible), dense[InjectionFeatures.Addressed..]);
        return heuristic;
    }

    /// <summary>The n-gram part of the logit: the whole text, or the strongest window of a long one.</summary>
    internal static double NgramPart(LinearModel model, string featureText)
    {
        if (featureText.Length <= Window) return model.NgramSum(featureText);
        var best = double.NegativeInfinity;
        for (var start = 0; ; start += Stride)
        {
            var length = Math.Min(Window, featureText.Length - start);
            best = Math.Max(best, model.NgramSum(featureText.AsSpan(start, length)));
            if (start + length >= featureText.Length) break;
        }
        return best;
    }
}
