using System.Buffers;
using C = Gantry.Guardrails.Injection.InjectionLexicon.Concept;

namespace Gantry.Guardrails.Injection;

/// <summary>
/// Features that tell who a directive is for and what it is about, the fifth round's answer to hard negatives
/// that share an attack's words: a user shaping the form of the answer they asked for ("start with a TL;DR",
/// "use TypeScript from now on") rather than overriding what the model was told; a user pointing at their own
/// earlier words ("what did I say my budget was") rather than the model's setup; a document whose orders are for
/// its human readers (a notice, a contract clause, a commit message, subtitles) with no AI addressed; a text
/// about attacks (a glossary, a slide, a write-up, a test) that names them without speaking to the model; and,
/// in the other direction, a label that addresses the model in any language ("Note to the assistant:",
/// "AIへの注意：", "Yapay zekâ asistanına not:") followed by an operation. Read from the folded feature text
/// and the concept positions <see cref="InjectionLexicon"/> found in it.
/// </summary>
internal static class AudienceFeatures
{
    public const int Count = 7;

    /// <summary>Feature indexes (relative to the span <see cref="Fill"/> is given); tests read them.</summary>
    public const int FormatRequest = 0, OwnHistory = 1, HumanAudience = 2, AboutAttacks = 3, AboutAttacksUnaddressed = 4,
        AddressLabel = 5, AddressLabelOperation = 6;

    private const int NearChars = 80;

    private static readonly SearchValues<string> FormatWords = SearchValues.Create(
        ["bullet", "tl;dr", "tldr", "one-line", "one line", "summary line", "table", "json", "markdown", "yaml", "csv",
         "heading", "paragraph", "sentence", "words or fewer", "words or less", "word limit", "concise", "brief", "shorter",
         "formal", "informal", "tone", "in english", "in french", "in spanish", "in german", "in plain", "typescript",
         "javascript", "python", "code block", "emoji", "lowercase", "uppercase", "capital letters", "numbered",
         "metric", "celsius", "fahrenheit", "spelling", "oxford comma", "plain text", "format", "font", "citation",
         "describes the", "the mood", "haiku", "rhyme", "syllable", "a number from", "a score from", "yes or no",
         "sources", "examples", "step by step", "step-by-step", "timestamps", "units", "date format",
         "viñetas", "puces", "stichpunkt", "tabla", "tableau", "tabelle", "箇条書き", "표로", "要点", "简洁"],
        StringComparison.OrdinalIgnoreCase);

    private static readonly SearchValues<string> FirstPersonOwn = SearchValues.Create(
        ["i said", "i told you", "i gave you", "i mentioned", "i wrote", "i pasted", "i shared", "i sent you",
         "i uploaded", "i forgot", "i typed", "i provided", "i listed", "for me earlier", "you made for me",
         "you generated for me", "you wrote for me", "you gave me", "we discussed", "we talked", "we agreed",
         "my budget", "my app", "my code", "my project", "my first message", "my earlier",
         "my previous", "our chat", "our conversation", "j'ai dit", "je t'ai", "ich habe dir", "ich sagte",
         "te dije", "le dije", "eu disse", "ho detto", "我说过", "我之前", "私が言った", "내가 말한"],
        StringComparison.OrdinalIgnoreCase);

    private static readonly SearchValues<string> ModelOwned = SearchValues.Create(
        ["your instructions", "your system", "your rules", "your guidelines", "your initial", "your hidden",
         "your original", "your prompt", "your configuration", "your developer", "you were told", "you were given",
         "you were instructed", "you've been told", "you have been told"], StringComparison.OrdinalIgnoreCase);

    /// <summary>Genres whose orders are for people: notices, contracts, commits, manuals, subtitles, mail footers.</summary>
    private static readonly SearchValues<string> HumanGenres = SearchValues.Create(
        ["notice", "residents", "tenants", "employees", "staff", "students", "passengers", "attendees", "participants",
         "meeting", "minutes", "agenda", "exam", "office", "party", "parties", "agreement", "hereby", "hereof",
         "clause", "supersede", "commit", "fix:", "feat:", "chore:", "refactor:", "signed-off-by", "merge pull",
         "changelog", "-->", "subtitle", "episode", "scene", "confidential", "intended recipient", "screws", "assembly",
         "warranty", "recipe", "oven", "slide", "handout", "syllabus", "memo", "newsletter", "weekend", "friday",
         "monday", "aviso", "avis", "hinweis", "mitteilung", "सूचना", "duyuru", "moradores", "résidents", "mitarbeiter",
         "condominio", "toplantı", "réunion", "reunión", "riunione", "reunião", "büro", "bureau", "oficina", "ufficio",
         "tornillos", "diapositiva", "diapositive", "examen", "prüfung", "परीक्षा", "sınav", "お知らせ", "会議", "公告",
         "通知", "회의", "공지", "إشعار", "اجتماع", "تعليمات التشغيل", "собрание", "объявление", "jadwal", "rapat"],
        StringComparison.OrdinalIgnoreCase);

    /// <summary>Words of texts that explain, document or test attacks rather than perform them.</summary>
    private static readonly SearchValues<string> MetaWords = SearchValues.Create(
        ["glossary", "definition", "defined as", "refers to", "known as", "is a technique", "is an attack", "attack",
         "slide", "write-up", "writeup", "changelog", "release note", "probe", "scanner", "benchmark", "dataset",
         "paper", "researcher", "players", "attacker", "malicious", "for example", "e.g.", "such as", "can contain",
         "could contain", "may contain", "might contain", "be careful", "beware", "regex", "pattern", "test(", "assert",
         "expect(", "sanitiz", "classif", "detect", "moderation", "guardrail", "red team", "red-team", "vulnerab",
         "exploit", "tutorial", "lesson", "course", "workshop", "ctf", "leaking", "coaxing", "tricking", "the model",
         "a model", "llms", "chatbots", "victim", "payload", "phishing", "owasp", "cve"],
        StringComparison.OrdinalIgnoreCase);

    private static readonly SearchValues<char> QuoteMarks = SearchValues.Create("\"'\u201C\u201D\u2018\u2019\u00AB\u00BB\u300C\u300D");

    private static readonly C[] AttackTargets = [C.Instructions, C.Prior, C.Secret, C.Cancel, C.NoLimits, C.Permission, C.HarmfulAsk, C.Persona];
    private static readonly C[] Shapers = [C.OutputOnly, C.Regardless, C.PolicyChange];
    private static readonly C[] Operations = [C.Cancel, C.CopyOut, C.OutputOnly, C.PolicyChange, C.HarmfulAsk, C.Persona, C.NoLimits];

    /// <summary>Writes <see cref="Count"/> features.</summary>
    /// <param name="p">Concept positions in <paramref name="featureText"/>.</param>
    public static void Fill(string featureText, List<int>[] p, Span<float> features)
    {
        features[..Count].Clear();
        var text = featureText.AsSpan();
        // A pinned literal answer ("reply only with 'X'") is how output hijacks read; a format request names a form.
        if (Any(p, Shapers) && !Any(p, AttackTargets) && text.IndexOfAny(FormatWords) >= 0 && text.IndexOfAny(QuoteMarks) < 0)
            features[FormatRequest] = 1;
        if ((p[(int)C.Prior].Count > 0 || p[(int)C.CopyOut].Count > 0 || p[(int)C.Instructions].Count > 0 || p[(int)C.Secret].Count > 0)
            && text.IndexOfAny(FirstPersonOwn) >= 0 && text.IndexOfAny(ModelOwned) < 0)
            features[OwnHistory] = 1;
        // Planted orders speak to "you"; a notice, clause or commit message speaks about things and people.
        if (p[(int)C.AddressModel].Count == 0 && !SecondPersonOutsideQuotes(featureText, p) && (p[(int)C.Cancel].Count > 0 || p[(int)C.PolicyChange].Count > 0 || p[(int)C.Instructions].Count > 0)
            && text.IndexOfAny(HumanGenres) >= 0)
            features[HumanAudience] = 1;
        var meta = Distinct(text, MetaWords, 3) + (p[(int)C.Discussion].Count > 0 ? 1 : 0);
        if (meta >= 2)
        {
            features[AboutAttacks] = 1;
            if (!SecondPersonOutsideQuotes(featureText, p)) features[AboutAttacksUnaddressed] = 1;
        }
        foreach (var at in p[(int)C.AddressModel])
        {
            var window = text[at..Math.Min(text.Length, at + 40)];
            var colon = window.IndexOfAny(":：");
            if (colon < 0 || window[..colon].IndexOfAny(".!?。\n") >= 0) continue;
            features[AddressLabel] = 1;
            var after = at + colon;
            foreach (var op in Operations)
                foreach (var y in p[(int)op])
                    if (y > after && y - after <= 240) { features[AddressLabelOperation] = 1; return; }
        }
    }

    private static bool Any(List<int>[] p, C[] concepts)
    {
        foreach (var c in concepts) if (p[(int)c].Count > 0) return true;
        return false;
    }

    /// <summary>How many matches (up to <paramref name="max"/>) of <paramref name="words"/> occur, at different places.</summary>
    private static int Distinct(ReadOnlySpan<char> text, SearchValues<string> words, int max)
    {
        var found = 0;
        for (var at = 0; at < text.Length && found < max;)
        {
            var k = text[at..].IndexOfAny(words);
            if (k < 0) break;
            found++;
            at += k + 4;
        }
        return found;
    }

    private static bool SecondPersonOutsideQuotes(string featureText, List<int>[] p)
    {
        foreach (var at in p[(int)C.SecondPerson])
            if (!InjectionFeatures.InsideQuotes(featureText, at)) return true;
        return false;
    }
}
