using System.Buffers;

namespace Gantry.Guardrails.Injection;

/// <summary>
/// Seventh-round features about who speaks to whom, for hard negatives that still share an attack's words:
/// <list type="bullet">
/// <item>the heuristics' phrase evidence lies wholly inside quotation marks: the text quotes an attack (an essay, a
/// policy, a dataset label request) rather than performing it; the feature carries the heuristic score, so the model
/// can learn how much of it to discount;</item>
/// <item>the text, or one of its lines, opens by greeting or labelling a human addressee ("Hi Priya,", "Dear tenants,",
/// "Team,", "Note to Sam:", "Bonjour à tous,") with no AI word in the greeting: its orders are for that person;</item>
/// <item>the user speaks about their own next turns ("I'll send the rest next", "in my next message"): pacing the
/// conversation they own, the mark of an acknowledgement request ("say 'ok' when you've read this") rather than
/// an output hijack;</item>
/// <item>a cancel word meeting the model's own setup, named from the model's side: a passive "you were briefed",
/// "you've been handed", "what they gave you", or "your original/earlier …": the counterpart of a user cancelling
/// their own request ("scratch my previous request"), which the own-request features read as benign.</item>
/// </list>
/// </summary>
internal static class SpeakerFeatures
{
    public const int Count = 4;

    /// <summary>Feature indexes (relative to the span given); tests read them.</summary>
    public const int QuotedEvidence = 0, HumanGreeting = 1, OwnPacing = 2, CancelModelSetup = 3;

    /// <summary>Words that open a greeting or a label for its addressee.</summary>
    private static readonly WordSet Greetings = new(
        ["hi", "hello", "hey", "dear", "good morning", "good afternoon", "note to", "message for", "message to", "memo to",
         "attn", "bonjour", "salut", "cher", "chère", "chers", "hallo", "liebe", "lieber", "sehr geehrte",
         "sehr geehrter", "hola", "estimado", "estimada", "estimados", "querido", "querida", "ciao", "gentile", "caro",
         "cara", "olá", "prezado", "prezada", "привет", "здравствуйте", "уважаемый", "уважаемые", "dzień dobry", "cześć",
         "merhaba", "sayın", "beste", "halo"]);

    /// <summary>Vocatives for a group of people, greeting enough on their own ("Team, see below").</summary>
    private static readonly WordSet Groups = new(
        ["team", "all", "everyone", "everybody", "folks", "colleagues", "guys", "y'all", "friends", "tout le monde",
         "à tous", "alle", "todos", "tutti", "всем", "коллеги", "wszyscy", "herkese"]);

    /// <summary>The user speaking of their own later turns.</summary>
    private static readonly SearchValues<string> Pacing = SearchValues.Create(
        ["i'll send", "i will send", "i'll paste", "i will paste", "i'll share", "i'll give you", "i'm going to send",
         "i am going to send", "i'm going to paste", "i'll follow up", "my next message", "in the next message",
         "next part", "the rest of the", "in several parts", "in three parts", "in two parts", "more to come",
         "i'll ask", "i will ask", "my questions next", "questions next", "je vais t'envoyer", "je t'envoie la suite",
         "ich schicke dir", "ich sende dir", "te mando", "te envío", "ti mando", "ti invio", "vou te mandar",
         "я пришлю", "отправлю", "次のメッセージ", "続きを送", "下一条", "接下来我会发", "다음 메시지"],
        StringComparison.OrdinalIgnoreCase);

    /// <summary>Openings of a phrase that names what the model was given, from its side.</summary>
    private static readonly SearchValues<string> ModelSide = SearchValues.Create(
        ["you were ", "you've been ", "you have been ", "you got ", "gave you", "handed you", "given to you",
         "you received", "you started with", "you began with", "your original", "your initial", "your earlier",
         "your previous", "your prior", "your first", "your old", "your existing", "your current", "your default",
         "your programming", "your setup", "your creators", "your developers", "your operators", "your makers",
         "on t'a", "qu'on t'a", "man dir", "te dieron", "ti hanno", "te deram", "тебе дали", "тебе задали"],
        StringComparison.OrdinalIgnoreCase);

    /// <summary>Sets <see cref="QuotedEvidence"/> from the heuristics' evidence (offsets into <paramref name="text"/>).</summary>
    public static void FillEvidence(string text, double heuristicScore, List<InjectionEvidence> evidence, int first, Span<float> features)
    {
        features[QuotedEvidence] = 0;
        if (first >= evidence.Count || heuristicScore <= 0) return;
        var structured = StructuredCarrier.Is(text);
        for (var i = first; i < evidence.Count; i++)
        {
            var e = evidence[i];
            // Evidence over the whole text (a decoded or folded view) has no place to be quoted in.
            if (e.Start <= 0 && e.End >= text.Length || e.Start >= text.Length) return;
            if (!InjectionFeatures.InsideQuotes(text, e.Start, structured)) return;
        }
        features[QuotedEvidence] = (float)heuristicScore;
    }

    /// <summary>Sets <see cref="HumanGreeting"/> and <see cref="OwnPacing"/> from the folded feature text.</summary>
    /// <param name="p">Concept positions in <paramref name="featureText"/>.</param>
    public static void Fill(string featureText, List<int>[] p, Span<float> features)
    {
        features[HumanGreeting] = 0;
        features[OwnPacing] = 0;
        features[CancelModelSetup] = 0;
        var text = featureText.AsSpan();
        for (var start = 0; start < text.Length;)
        {
            var k = text[start..].IndexOf('\n');
            var end = k < 0 ? text.Length : start + k;
            if (GreetsHuman(text[start..end])) { features[HumanGreeting] = 1; break; }
            start = end + 1;
        }
        if (text.IndexOfAny(Pacing) >= 0) features[OwnPacing] = 1;
        var cancels = p[(int)InjectionLexicon.Concept.Cancel];
        if (cancels.Count == 0) return;
        for (var at = 0; at < text.Length;)
        {
            var k = text[at..].IndexOfAny(ModelSide);
            if (k < 0) return;
            var x = at + k;
            foreach (var y in cancels)
                if (Math.Abs(x - y) <= 80) { features[CancelModelSetup] = 1; return; }
            at = x + 1;
        }
    }

    /// <summary>A line that opens "greeting name," or "group," (within 40 characters, before any sentence end),
    /// naming no AI.</summary>
    private static bool GreetsHuman(ReadOnlySpan<char> line)
    {
        var s = line.TrimStart(" \t-*>#•".AsSpan());
        var window = s[..Math.Min(s.Length, 40)];
        var mark = window.IndexOfAny(",:：");
        if (mark <= 0 || window[..mark].IndexOfAny(".!?。") >= 0) return false;
        var head = window[..mark];
        if (AddressedDirectives.NamesAi(head)) return false;
        var opener = Greetings.IndexIn(head, 0);
        if (opener == 0) return head.Length > 3;
        return Groups.IndexIn(head, 0) is >= 0 and <= 12 && head.Length <= 24;
    }
}
