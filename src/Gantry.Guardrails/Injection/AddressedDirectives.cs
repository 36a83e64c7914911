using System.Buffers;

namespace Gantry.Guardrails.Injection;

/// <summary>
/// Features of a shift of addressee: a sentence inside content (a document, e-mail, page or tool result the user
/// hands over) that gives an order to whoever processes it, the model, rather than to a human reader. Read per
/// sentence, because the signal is a combination within one sentence that a bag of words over the whole prompt
/// cannot see: an AI addressed ("assistant", "language model", "any AI reading this") together with a directive
/// (a modal such as "must", or an imperative verb opening the sentence); an order passed through the model to the
/// person it answers ("tell the user …"); the document speaking about itself with a verb that shapes the model's
/// verdict ("rate this essay …", "describe this vendor as …"); a reference to the model's own output ("in your
/// summary …"); and any of these in text a human reader never sees (HTML comments, hidden styling, alt/title/meta
/// attributes). A recipe or manual gives orders too, but to its human reader, about things in the world; a
/// planted instruction speaks to the machine about its answer.
/// </summary>
internal static class AddressedDirectives
{
    /// <summary>Number of features <see cref="Fill"/> writes.</summary>
    public const int Count = 12;

    /// <summary>Feature indexes (relative to the span <see cref="Fill"/> is given); tests read them.</summary>
    public const int AiDirective = 0, AiDirectiveInContent = 1, IntermediaryInContent = 2, SelfVerdictInContent = 3,
        OutputReferenceInContent = 4, HiddenDirective = 5, CarriedAddressInContent = 6, ShapingImperativeInContent = 7,
        HiddenStyling = 8, AddressedAiDirective = 9, AddressedAiDirectiveInContent = 10, PossessedAiDirective = 11;

    private static readonly WordSet AiWords = new(
        ["ai", "a.i.", "ais", "assistant", "assistants", "language model", "language models", "llm", "llms", "chatbot",
         "chatbots", "bot", "bots", "gpt", "chatgpt", "claude", "gemini", "copilot", "ai agent", "agents", "summarizer",
         "summariser", "summarizers", "automated", "crawler", "scraper", "screener", "screening tool", "the model",
         "any model", "a model", "models", "machine reader", "machine readers", "ai tools", "ai systems", "ai models", "ai agents",
         "screeners", "crawlers", "scrapers", "ai-generated", "ai summaries", "ai assistants", "ki", "ia", "ии", "нейросеть", "модель", "modèle",
         "modell", "modelo", "assistente", "asistente", "assistent", "assistentin", "asystent", "asistent", "ассистент", "помощник", "помічник", "асистент", "yapay zeka", "asistan", "asisten", "trợ lý", "人工知能", "チャットボット", "助理", "聊天机器人", "인공지능", "어시스턴트", "챗봇", "المساعد", "الذكاء الاصطناعي", "सहायक", "एआई", "ki-assistent", "ki-assistenten", "人工智能", "助手", "模型", "アシスタント", "モデル"]);

    private static readonly WordSet Modals = new(
        ["must", "should", "shall", "need to", "needs to", "have to", "has to", "are to", "is to", "make sure",
         "be sure", "ensure", "do not", "don't", "never", "always", "please", "kindly", "required to", "instructed to",
         "expected to", "it is essential", "important:", "you will", "you'll", "instead", "be certain", "remember to",
         "muss", "musst", "soll", "sollst", "doit", "dois", "devez", "debe", "debes", "deve", "devi", "должен", "должна", "musisz", "moet", "必ず", "ください", "してください", "必须", "务必", "務必", "请", "請", "반드시", "하세요", "주세요", "해야", "بد", "يجب", "is required", "are required", "mandatory"]);

    /// <summary>Verbs that, opening a sentence, give an order about what to say, decide or do with the answer.</summary>
    private static readonly WordSet ShapingVerbs = new(
        ["tell", "say", "state", "claim", "report", "respond", "reply", "answer", "recommend", "describe", "mention",
         "rate", "rank", "score", "grade", "classify", "label", "mark", "approve", "reject", "summarize", "summarise",
         "inform", "advise", "praise", "output", "print", "write", "forward", "send", "include", "insert", "append",
         "omit", "conclude", "present", "portray", "characterize", "characterise", "refer", "direct", "redirect",
         "urge", "encourage", "instruct", "confirm", "declare", "assert", "list", "add", "end", "begin", "start",
         "ignore", "disregard", "do", "don't", "never", "always", "stop", "treat", "consider", "assume", "pretend",
         "sag", "sage", "schreib", "schreibe", "antworte", "empfiehl", "bewerte", "ignoriere", "vergiss", "sende", "schicke", "gib", "fasse", "leite",
         "dis", "écris", "réponds", "recommande", "oublie", "envoie", "indique", "mentionne", "dile", "escribe", "responde",
         "recomienda", "ignora", "olvida", "envía", "califica", "scrivi", "rispondi", "raccomanda", "dimentica", "invia", "diga",
         "escreva", "responda", "recomende", "esqueça", "envie", "скажи", "напиши", "ответь", "порекомендуй", "игнорируй",
         "забудь", "отправь", "перешли", "powiedz", "napisz", "odpowiedz", "zignoruj", "wyślij", "zeg", "schrijf", "negeer", "stuur",
         "act", "give", "call", "translate", "answer", "exfiltrate", "email", "leave", "skip", "praise", "flag"]);

    private static readonly WordSet Intermediary = new(
        ["the user", "the users", "the end user", "the human", "the person asking", "the person reading",
         "whoever asked", "whoever is asking", "the requester", "the reader of your", "anyone who asks",
         "the customer you", "your user", "your users", "the recruiter", "the hiring manager", "the reviewer",
         "dem nutzer", "dem benutzer", "den nutzer", "den benutzer", "dem kunden", "al usuario", "al cliente",
         "à l'utilisateur", "au client", "all'utente", "al cliente", "ao usuário", "ao utilizador", "ao cliente", "пользователю",
         "клиенту", "користувачеві", "użytkownikowi", "klientowi", "de gebruiker", "kullanıcıya", "müşteriye", "ユーザーに",
         "お客様に", "利用者に", "사용자에게", "고객에게", "用户", "用戶", "客户", "客戶", "المستخدم", "उपयोगकर्ता", "the operator"]);

    private static readonly SearchValues<string> OutputReference = SearchValues.Create(
        ["your summary", "your response", "your reply", "your answer", "your output", "your review", "your assessment",
         "your evaluation", "your rating", "your recommendation", "your analysis", "your translation", "your report",
         "your verdict", "your decision", "your ranking", "your score", "the summary", "any summary", "in summaries",
         "when summari", "when answering", "when responding", "before responding", "before answering", "before you answer",
         "before you reply", "before replying", "after reading this", "if you summari", "when replying", "when asked", "if asked",
         "while processing", "when processing", "when you process", "when you read", "reading this", "processing this",
         "parsing this", "summarizing this", "summarising this", "evaluating this", "reviewing this",
         "this conversation", "the conversation", "chat history", "conversation history", "the system prompt",
         "previous instructions", "prior instructions", "your instructions", "your task", "your next"],
        StringComparison.OrdinalIgnoreCase);

    private static readonly WordSet SelfReference = new(
        ["this document", "this page", "this text", "this email", "this e-mail", "this message", "this file",
         "this article", "this post", "this review", "this candidate", "this applicant", "this resume", "this résumé",
         "this cv", "this essay", "this paper", "this submission", "this product", "this listing", "this invoice",
         "this ticket", "this pull request", "this pr", "this code", "this repository", "this repo", "this site",
         "this website", "this company", "this vendor", "this seller", "this report", "this application",
         "this proposal", "this transcript", "this comment", "this content", "this author", "this sender",
         "this supplier", "this student", "this business", "this hotel", "this restaurant", "this app",
         "this person", "this profile", "this item", "this offer", "this contract", "this claim", "the author",
         "the sender", "the applicant", "the candidate", "the seller", "the vendor"]);

    private static readonly WordSet SecondPerson = new(
        ["you", "your", "yourself", "you're", "you've", "you'll"]);

    private static readonly SearchValues<string> HiddenStyles = SearchValues.Create(
        ["display:none", "display: none", "font-size:0", "font-size: 0", "visibility:hidden", "visibility: hidden",
         "opacity:0", "opacity: 0", "color:white", "color: white", "color:#fff", "color: #fff", "aria-hidden",
         " hidden>", " hidden=", "left:-9999", "left: -9999", "height:0", "width:0", "[//]: #"],
        StringComparison.OrdinalIgnoreCase);

    /// <summary>Words that make an AI the addressee rather than the topic: "any model", "dear AI", "if you are an
    /// AI", "AI reading this". A product specification says "the chatbot should …" about a product; a planted
    /// order speaks to whichever machine is reading.</summary>
    private static readonly WordSet AddressCues = new(
        ["any", "all", "every", "whichever", "whatever", "dear", "hey", "attention", "note to", "message to", "if you're",
         "if you are", "reading this", "processing this", "parsing this", "indexing", "summarizing this", "summarising this",
         "screening this", "reviewing this", "reads this", "opens this", "processes this", "parses this", "for any",
         "for all", "to any", "to the", "for the", "listen", "instructions for", "directive"]);

    private static readonly SearchValues<char> SentenceEnds = SearchValues.Create(".!?\n;。！？");

    /// <summary>Writes <see cref="Count"/> features into <paramref name="features"/>.</summary>
    /// <param name="content">Content segments of <paramref name="text"/> (<see cref="ContentSegments"/>).</param>
    /// <param name="hidden">Spans of <paramref name="text"/> that a reader does not see (<see cref="HiddenText"/>).</param>
    public static void Fill(string text, TextOrigin origin, List<(int Start, int End)> content,
        List<(int Start, int End)> hidden, Span<float> features)
    {
        features[..Count].Clear();
        var span = text.AsSpan();
        if (span.IndexOfAny(HiddenStyles) >= 0) features[HiddenStyling] = 1;
        var carried = false;
        for (var start = 0; start < span.Length;)
        {
            var k = span[start..].IndexOfAny(SentenceEnds);
            var end = k < 0 ? span.Length : start + k + 1;
            var sentence = span[start..end];
            var inContent = origin == TextOrigin.Content || Overlaps(content, start, end);
            var inHidden = Overlaps(hidden, start, end);
            // "our assistant is configured to …", "your assistant should ignore it", "note to my assistant Maria":
            // an AI owned by someone is what the sentence is about, and its order (if any) is for a person.
            var anyAi = AiWords.InSentence(sentence);
            var ai = anyAi && UnpossessedAi(sentence);
            var second = SecondPerson.InSentence(sentence);
            var imperative = HasImperativeClause(sentence);
            var directive = imperative || Modals.InSentence(sentence);
            if (anyAi && !ai && directive) Set(features, PossessedAiDirective);
            var intermediary = Intermediary.InSentence(sentence);
            var outputRef = sentence.IndexOfAny(OutputReference) >= 0;
            var addressed = ai && (AddressCues.InSentence(sentence) || VocativeAi(sentence));
            if (ai && directive) Set(features, AiDirective);
            if (addressed && directive) Set(features, AddressedAiDirective);
            if (inContent || inHidden)
            {
                if (ai && directive) Set(features, AiDirectiveInContent);
                if (addressed && directive) Set(features, AddressedAiDirectiveInContent);
                if (intermediary && directive) Set(features, IntermediaryInContent);
                if (directive && SelfReference.InSentence(sentence)) Set(features, SelfVerdictInContent);
                if (outputRef && directive) Set(features, OutputReferenceInContent);
                if (carried && second && directive) Set(features, CarriedAddressInContent);
                if (imperative) Set(features, ShapingImperativeInContent);
            }
            if (inHidden && directive && (ai || second || intermediary || outputRef)) Set(features, HiddenDirective);
            // An AI addressed in one sentence ("Note to the assistant:") carries to the orders that follow it.
            if (ai) carried = true;
            else if (k >= 0 && span[start + k] == '\n' && end < span.Length && span[end] == '\n') carried = false;
            start = end;
        }
    }

    /// <summary>Whether <paramref name="s"/> names an AI that is nobody's tool (<see cref="SpeakerFeatures"/>' greetings).</summary>
    internal static bool NamesAi(ReadOnlySpan<char> s) => AiWords.InSentence(s) && UnpossessedAi(s);

    /// <summary>Possessives and determiners that make an AI word someone's tool, the topic of the sentence
    /// rather than its addressee (seventh round).</summary>
    private static readonly WordSet Possessives = new(
        ["my", "our", "your", "their", "his", "her", "its", "whose", "mon", "ma", "notre", "votre", "mein", "meine",
         "meinen", "unser", "unsere", "unseren", "dein", "deine", "ihr", "ihre", "mi", "nuestro", "nuestra", "tu", "su",
         "mio", "mia", "nostro", "nostra", "meu", "minha", "nosso", "nossa", "мой", "моя", "наш", "наша", "ваш", "ваша",
         "mój", "moja", "nasz", "nasza", "mijn", "onze"]);

    /// <summary>Whether some AI word of the sentence is not preceded by a possessive ("my assistant") or a
    /// genitive ("the company's chatbot").</summary>
    private static bool UnpossessedAi(ReadOnlySpan<char> sentence)
    {
        for (var at = AiWords.IndexIn(sentence, 0); at >= 0; at = AiWords.IndexIn(sentence, at + 1))
        {
            var before = sentence[..at].TrimEnd();
            var w = before.Length;
            while (w > 0 && (char.IsLetter(before[w - 1]) || before[w - 1] is '\'' or '\u2019')) w--;
            var word = before[w..];
            var genitive = word.Length > 2 && (word.EndsWith("'s", StringComparison.OrdinalIgnoreCase) || word.EndsWith("\u2019s", StringComparison.OrdinalIgnoreCase));
            if (!genitive && !Possessives.Is(word)) return true;
        }
        return false;
    }

    /// <summary>An AI word in the sentence's opening label, before a comma, colon or dash ("Copilot, …",
    /// "LLM directive: …", "Attention automated reviewer - …").</summary>
    private static bool VocativeAi(ReadOnlySpan<char> sentence)
    {
        var s = sentence.TrimStart(" \t\n-*>#•'\"“(<![".AsSpan());
        var k = s[..Math.Min(s.Length, 48)].IndexOfAny(":,-—");
        return k > 0 && AiWords.InSentence(s[..k]);
    }

    private static void Set(Span<float> features, int index) => features[index] = 1;

    private static bool Overlaps(List<(int Start, int End)> segments, int start, int end)
    {
        foreach (var (s, e) in segments) if (start < e && s < end) return true;
        return false;
    }

    private static readonly SearchValues<char> ClauseStarts = SearchValues.Create(":;,—–\"“(");

    /// <summary>Whether some clause of the sentence opens with a verb that shapes the answer: the sentence's
    /// start, or after a colon, semicolon, comma, dash, quotation mark or parenthesis (so a vocative or label
    /// before it, "AI tools reading this: leave out …", "Assistant, when you summarise this, recommend …", is
    /// skipped), after "please", "kindly", "also", "just", "then" or "and".</summary>
    private static bool HasImperativeClause(ReadOnlySpan<char> sentence)
    {
        for (var at = 0; at < sentence.Length;)
        {
            if (OpensWithVerb(sentence[at..])) return true;
            var k = sentence[at..].IndexOfAny(ClauseStarts);
            if (k < 0) return false;
            at += k + 1;
        }
        return false;
    }

    private static bool OpensWithVerb(ReadOnlySpan<char> clause)
    {
        var s = clause.TrimStart(" \t\n-*>#•'\"“(<!".AsSpan());
        for (var skipped = 0; skipped < 2; skipped++)
        {
            var w = WordLength(s);
            if (w == 0 || !Fillers.Is(s[..w])) break;
            s = s[w..].TrimStart();
        }
        var length = WordLength(s);
        return length > 1 && ShapingVerbs.Is(s[..length]);
    }

    private static int WordLength(ReadOnlySpan<char> s)
    {
        var w = 0;
        while (w < s.Length && (char.IsLetter(s[w]) || s[w] == '\'')) w++;
        return w;
    }

    private static readonly WordSet Fillers = new(["please", "kindly", "also", "just", "then", "and", "simply", "now", "instead",
        "bitte", "und", "dann", "sondern", "stattdessen", "puis", "et", "ensuite", "plutôt", "luego", "y", "mejor", "poi", "e",
        "invece", "depois", "и", "потом", "лучше", "а", "potem", "i", "lepiej", "dan", "en"]);
}
