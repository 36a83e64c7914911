using System.Buffers;

namespace Gantry.Guardrails.Injection;

/// <summary>
/// Concept word lists for the learned model: not attack phrases but the building blocks attacks combine (a verb
/// that cancels, a noun that names the model's instructions, a persona, a claim of no limits, a verb that
/// copies out, a constraint on the output, a change of policy over time, what attacks are after), in English and the other languages of
/// the corpus. A concept alone is common in benign text; the model learns from concepts that meet within a few
/// words (<see cref="Near"/>). Entries are lower case and matched in the folded feature text.
/// </summary>
/// <remarks>Non-English entries come only from the corpus's training sources; a test
/// (<c>InjectionLexiconTests</c>) checks that no entry occurs in test texts without occurring in training texts.</remarks>
internal static class InjectionLexicon
{
    public enum Concept { Cancel, Instructions, Persona, NoLimits, CopyOut, OutputOnly, PolicyChange, AddressModel, HarmfulAsk }

    public const int ConceptCount = 9;

    private static readonly string[][] Words =
    [
        // Cancel: verbs and phrases that set earlier text aside.
        ["ignore", "disregard", "forget", "set aside", "never mind", "nevermind", "bypass", "override",
         "skip", "drop the", "discard", "void", "no longer",
         "ignora", "olvida", "oublie", "ignoriere", "vergiss", "esqueça", "игнорируй", "забудь", "忽略", "忘记", "無視", "忘れ",
         "무시", "잊고", "अनदेखा", "भूल जाओ", "تجاهل", "انس", "উপেক্ষা", "ভুলে যাও", "abaikan", "lupakan", "dimentica", "yok say", "unut"],
        // Instructions: what the model was given.
        ["instruction", "rules", "guideline", "policy", "policies", "system prompt", "prompt", "directive", "constraint",
         "guardrail", "restriction", "programming", "configuration", "config", "developer", "operator", "context", "told",
         "instrucciones", "reglas", "règles", "anweisungen", "regeln", "instruções", "regras", "инструкци",
         "правил", "промпт", "指令", "规则", "提示", "指示", "ルール", "プロンプト", "지시", "규칙", "프롬프트", "निर्देश", "नियम",
         "प्रॉम्प्ट", "التعليمات", "قواعد", "موجه", "নির্দেশ", "নিয়ম", "প্রম্পট", "instruksi", "aturan", "istruzioni", "regole",
         "talimat", "kural", "istem"],
        // Persona: the model asked to be someone else.
        ["pretend", "imagine you", "you are now", "you're now", "act as", "roleplay", "role-play", "in character", "persona",
         "simulate", "become the", "alter ego", "you will answer", "you are ", "in that role", "as dan", "eres", "tu es",
         "du bist", "você é", "ты ", "你是", "あなたは", "너는", "तुम ", "أنت", "তুমি", "kamu adalah", "sei un", "finge",
         "fais semblant", "tu so", "finja", "притворись", "假装", "ふりをして", "척하고", "दिखाओ", "تظاهر", "ভান করো",
         "berpura-pura", "fingi", "gibi davran"],
        // NoLimits: a claim that limits do not apply.
        ["no restrictions", "without restrictions", "without any", "no rules", "no limits", "unrestricted", "unfiltered",
         "uncensored", "no filter", "never refuses", "never refuse", "no content policy", "no ethical", "safety training was removed",
         "jailbroken", "do anything", "no morals", "ignores all", "sin restricciones", "sin filtros", "sans aucune restriction",
         "sans filtre", "ne refuse jamais", "ohne einschränkungen", "ohne filter", "sem restrições", "sem filtros",
         "nunca recusa", "без ограничений", "без фильтров", "не отказывает", "没有任何限制", "没有过滤", "从不拒绝", "制限のない",
         "フィルターのない", "断らない", "제한이 없는", "필터가 없는", "거절하지", "प्रतिबंध", "फ़िल्टर", "قيود", "فلاتر", "বিধিনিষেধ",
         "ফিল্টার", "tanpa batasan", "tanpa filter", "tidak pernah menolak", "senza alcuna restrizione", "senza filtri",
         "non rifiuta", "kısıtlaması olmayan", "filtresi olmayan", "asla reddetmeyen"],
        // CopyOut: verbs that ask for text to be reproduced.
        ["reveal", "print", "repeat", "output", "echo", "paste", "copy", "quote", "recite", "verbatim", "word for word",
         "show me", "show it", "exact wording", "translate your", "summarize the confidential", "muéstrame", "affiche",
         "zeig mir", "mostre", "покажи", "显示", "表示", "보여", "दिखाओ", "اعرض", "দেখাও", "tunjukkan", "mostrami", "göster"],
        // OutputOnly: the output pinned to a fixed text.
        ["reply only", "respond only", "only with", "nothing else", "nothing but", "your entire response",
         "must be exactly", "the single word", "regardless", "no matter what", "whatever the", "instead of the",
         "únicamente", "sin importar", "seulement par", "peu importe", "nur mit dem wort", "egal was", "apenas com",
         "não importa", "только словом", "что бы", "只回答", "不管", "だけで答え", "関係なく", "로만 대답", "상관없이", "केवल",
         "कुछ भी हों", "فقط", "بغض النظر", "শুধু", "যাই হোক", "hanya dengan", "apa pun", "solo con la parola",
         "qualunque cosa", "sadece", "ne olursa olsun"],
        // PolicyChange: a new regime claimed from now on.
        ["from now on", "from this point", "henceforth", "starting with this message", "effective immediately",
         "new rule", "new policy", "updated instructions", "have been updated", "is replaced", "is disabled", "are lifted",
         "this session", "exception", "you may now", "you are now allowed", "approved a new", "a partir de ahora",
         "désormais", "ab jetzt", "de agora em diante", "отныне", "从现在起", "今から", "지금부터", "अब से", "من الآن",
         "এখন থেকে", "mulai sekarang", "d'ora in poi", "bundan sonra"],
        // AddressModel: text that speaks to the model reading it.
        ["note to the ai", "ai assistant", "assistant,", "assistant:", "to the ai", "the assistant must", "system:",
         "for the ai", "language model", "chatbot", "[assistant"],
        // HarmfulAsk: what attacks are usually after (credentials, fraud, malware, someone else's data).
        ["password", "credential", "phishing", "malware", "api key",          "bank account", "send their data", "conversation history", "admin", "access granted", "approve every",
         "without checking", "contraseña", "mot de passe", "passwort", "senha", "пароль", "密码", "パスワード", "비밀번호"],
    ];

    private static readonly SearchValues<string>[] Searches =
        [.. Words.Select(w => SearchValues.Create(w, StringComparison.OrdinalIgnoreCase))];

    internal static IReadOnlyList<string> Entries(Concept concept) => Words[(int)concept];

    /// <summary>Positions (up to <paramref name="max"/> per concept) where each concept's words start.</summary>
    public static void Find(ReadOnlySpan<char> text, List<int>[] positions, int max = 16)
    {
        for (var c = 0; c < ConceptCount; c++)
        {
            positions[c].Clear();
            var at = 0;
            while (at < text.Length && positions[c].Count < max)
            {
                var k = text[at..].IndexOfAny(Searches[c]);
                if (k < 0) break;
                positions[c].Add(at + k);
                at += k + 1;
            }
        }
    }

    /// <summary>Whether some occurrence of one concept lies within <paramref name="distance"/> characters of one of the other.</summary>
    public static bool Near(List<int> a, List<int> b, int distance)
    {
        foreach (var x in a)
            foreach (var y in b)
                if (Math.Abs(x - y) <= distance) return true;
        return false;
    }
}
