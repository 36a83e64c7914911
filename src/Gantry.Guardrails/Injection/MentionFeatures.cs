using System.Buffers;
using C = Gantry.Guardrails.Injection.InjectionLexicon.Concept;

namespace Gantry.Guardrails.Injection;

/// <summary>
/// Sixth-round features for the difference between using an instruction and mentioning it. A text about attacks
/// quotes one after a frame that reports or exemplifies it ("text such as '…'", "an e-mail says '…'", "z. B. „…“",
/// "例えば「…」"); a user hands over quoted material for a task of their own ("classify this review: '…'", "translate:
/// '…'"); a user cancels their own earlier request to restyle a text ("forget the earlier draft, rewrite it
/// casually"). Three features, learned like the others: the share of attack-operation words inside mention quotes,
/// a task verb outside quotes followed by quoted material, and a cancel word meeting a rewrite or style word with no
/// word of the model's setup near. <see cref="Mask"/> blanks mention quotes for the per-sentence directive features,
/// so a quoted example is not read as an order.
/// </summary>
internal static class MentionFeatures
{
    public const int Count = 3;

    /// <summary>Feature indexes (relative to the span <see cref="Fill"/> is given); tests read them.</summary>
    public const int MentionedOperation = 0, TaskOnQuotedMaterial = 1, OwnRewrite = 2;

    /// <summary>Characters before an opening quote in which a reporting or example frame is looked for.</summary>
    private const int FrameChars = 48;

    private static readonly SearchValues<string> Frames = SearchValues.Create(
        ["such as", "like", "e.g.", "e. g.", "for example", "for instance", "example", "says", "said", "saying", "writes",
         "wrote", "reads", "containing", "contains", "contain", "phrase", "the line", "sentence", "the string",
         "instruction", "payload", "typed", "types", "asks", "asking", "description", "message", "wie", "etwa",
         "beispiel", "z. b.", "z.b.", "schreibt", "sagt", "comme", "par exemple", "écrit", "dit", "como", "ejemplo",
         "escribe", "dice", "come", "esempio", "scrive", "exemplo", "escreve", "например", "как", "пишет", "типа",
         "例如", "比如", "写道", "例えば", "のような", "などの", "같은", "예를 들어", "라고", "na przykład", "pisze",
         "gibi", "örneğin", "seperti", "misalnya", "chẳng hạn", "bijvoorbeeld", "zoals"], StringComparison.OrdinalIgnoreCase);

    private static readonly SearchValues<string> TaskVerbs = SearchValues.Create(
        ["classify", "label", "categori", "tag this", "is this", "is the following", "detect", "flag", "translate",
         "summari", "proofread", "rate this", "rate the", "sentiment", "tone of", "rewrite", "paraphrase", "correct", "check the grammar",
         "klassifizier", "übersetz", "zusammenfass", "classe", "tradu", "résumer", "résume ce", "clasific", "traduc", "resumir", "resume el", "classific",
         "traduci", "riassum", "классифиц", "переведи", "перевести", "кратко", "分类", "翻译", "总结", "分類", "翻訳", "要約",
         "분류", "번역", "요약"], StringComparison.OrdinalIgnoreCase);

    private static readonly SearchValues<string> RewriteWords = SearchValues.Create(
        ["rewrite", "rephrase", "reword", "redo", "tone", "casual", "formal", "shorter", "longer", "simpler", "draft",
         "style", "wording", "umschreib", "formulier", "lockerer", "förmlich", "entwurf", "réécri", "reformul",
         "plus formel", "plus court", "brouillon", "reescrib", "tono", "borrador", "riscriv", "bozza", "reescrev",
         "rascunho", "перепиш", "тоне", "тоном", "стиль", "черновик", "书き直", "書き直", "言い換え", "敬語", "カジュアル", "丁寧",
         "改写", "重写", "语气", "口语", "다시 써", "말투", "존댓말", "반말", "przepisz", "yeniden yaz", "herschrijf"],
        StringComparison.OrdinalIgnoreCase);

    private static readonly C[] AttackOperations = [C.Cancel, C.CopyOut, C.OutputOnly, C.PolicyChange, C.Persona, C.NoLimits, C.Mode];
    private static readonly C[] SetupTargets = [C.Secret, C.Mode, C.NoLimits, C.Persona, C.HarmfulAsk, C.AddressModel];

    /// <summary>Quoted spans [start, end) (quote marks included) that a reporting or example frame introduces,
    /// or that follow a task verb; outside structured data only (there quotes delimit fields).</summary>
    public static List<(int Start, int End)> Spans(string text, bool taskToo = false)
    {
        var spans = new List<(int, int)>();
        for (var i = 0; i < text.Length && spans.Count < 16; i++)
        {
            var close = Closing(text, i);
            if (close == '\0') continue;
            // German „…“ closes with the mark English opens with.
            var end = text[i] == '\u201E' ? text.IndexOfAny(['\u201C', '\u201D'], i + 1) : text.IndexOf(close, i + 1);
            if (end < 0) break;
            var before = text.AsSpan(Math.Max(0, i - FrameChars), i - Math.Max(0, i - FrameChars));
            before = before[(SentenceStart(before) + 1)..];
            if (before.IndexOfAny(Frames) >= 0 || taskToo && text.AsSpan(0, i).IndexOfAny(TaskVerbs) >= 0) spans.Add((i, end + 1));
            i = end;
        }
        return spans;
    }

    /// <summary>The index of the last sentence end in <paramref name="s"/> (−1 if none); the period of a one-letter
    /// abbreviation ("e.g.", "z. B.", "i.e.") ends nothing.</summary>
    private static int SentenceStart(ReadOnlySpan<char> s)
    {
        for (var k = s.Length - 1; k >= 0; k--)
        {
            if (s[k] is not ('.' or '!' or '?' or '\n' or '。')) continue;
            var abbreviation = s[k] == '.' && k >= 1 && char.IsLetter(s[k - 1]) && (k == 1 || !char.IsLetter(s[k - 2]));
            if (!abbreviation) return k;
        }
        return -1;
    }

    /// <summary>The closing mark when an opening quotation mark stands at <paramref name="i"/>, else '\0'.</summary>
    private static char Closing(string text, int i) => text[i] switch
    {
        '"' => '"',
        '\u201C' or '\u201E' => '\u201D',
        '\u2018' => '\u2019',
        '\u00AB' => '\u00BB',
        '\u300C' => '\u300D',
        '\'' when i == 0 || !char.IsLetterOrDigit(text[i - 1]) => '\'',
        _ => '\0',
    };

    /// <summary>The text with mention quotes blanked (same length), or the text itself when it has none.</summary>
    public static string Mask(string text)
    {
        if (text.AsSpan().IndexOfAny("\"'\u201C\u201E\u2018\u00AB\u300C") < 0 || StructuredCarrier.Is(text)) return text;
        var spans = Spans(text);
        if (spans.Count == 0) return text;
        var chars = text.ToCharArray();
        foreach (var (s, e) in spans)
            for (var k = s; k < e; k++) if (!char.IsWhiteSpace(chars[k])) chars[k] = ' ';
        return new string(chars);
    }

    /// <summary>Writes <see cref="Count"/> features from the folded feature text and its concept positions.</summary>
    public static void Fill(string featureText, bool structured, List<int>[] p, Span<float> features)
    {
        features[..Count].Clear();
        var text = featureText.AsSpan();
        if (!structured && text.IndexOfAny("\"'\u201C\u201E\u2018\u00AB\u300C") >= 0)
        {
            var mentions = Spans(featureText);
            int inside = 0, total = 0;
            foreach (var op in AttackOperations)
                foreach (var at in p[(int)op])
                {
                    total++;
                    foreach (var (s, e) in mentions) if (at > s && at < e) { inside++; break; }
                }
            if (total > 0) features[MentionedOperation] = (float)inside / total;
            var firstQuote = text.IndexOfAny("\"'\u201C\u201E\u2018\u00AB\u300C");
            if (firstQuote > 0 && text[..firstQuote].IndexOfAny(TaskVerbs) >= 0 && Spans(featureText, taskToo: true).Count > 0)
                features[TaskOnQuotedMaterial] = 1;
        }
        if ((p[(int)C.Cancel].Count > 0 || p[(int)C.Prior].Count > 0) && text.IndexOfAny(RewriteWords) >= 0)
        {
            var setup = false;
            foreach (var c in SetupTargets) setup |= p[(int)c].Count > 0;
            if (!setup) features[OwnRewrite] = 1;
        }
    }
}
