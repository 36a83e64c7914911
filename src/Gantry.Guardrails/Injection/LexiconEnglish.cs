using static Gantry.Guardrails.Injection.InjectionLexicon.Concept;

namespace Gantry.Guardrails.Injection;

/// <summary>English concept words for <see cref="InjectionLexicon"/>, '|'-separated; written from a thesaurus of
/// each concept (synonyms, inflections, common multi-word forms), not from attack examples.</summary>
internal static class LexiconEnglish
{
    public static readonly (InjectionLexicon.Concept, string)[] Entries =
    [
        (Cancel, "ignore|ignoring|disregard|forget|set aside|put aside|never mind|nevermind|bypass|override|overrule|" +
                 "discard|throw away|throw out|scrap|cancel|revoke|rescind|void|invalid|annul|nullif|no longer appl|" +
                 "no longer valid|no longer in effect|no longer matter|no longer count|does not apply|doesn't apply|" +
                 "do not apply|don't apply|don't count|does not count|doesn't count|pay no attention|take no notice|" +
                 "don't follow|do not follow|stop following|stop obeying|don't obey|do not obey|drop the|drop your|" +
                 "drop its|abandon|erase|wipe|clear your|reset your|supersede|take precedence|takes precedence|" +
                 "skip|leave behind|act as if|as if they|never existed|were never|was never written|not binding|" +
                 "out the window|forget about"),
        (Instructions, "instruction|rules|rulebook|guideline|guidance|policy|policies|system prompt|system message|" +
                       "prompt|directive|directions|constraint|guardrail|restriction|limitation|programming|" +
                       "configuration|config|setup|set-up|settings|initial message|developer message|preamble|" +
                       "briefing|orders|commands|alignment|safety|content filter|filters|terms|charter|protocol|" +
                       "procedure|operating|your task|your job|your assignment|your role|your purpose|your mission|" +
                       "operator|developer|creators|makers|context|what you were told|you were told|were given|" +
                       "told you|told to|trained to|guidelines"),
        (Persona, "pretend|imagine you|imagine that you|you are now|you're now|you are |act as|acting as|behave as|" +
                  "behave like|roleplay|role-play|role play|play the role|play a |you play|in character|character|" +
                  "persona|simulate|emulate|impersonate|become|transform into|channel|alter ego|alternate version|" +
                  "version of you|other self|from now on you|you will be|you will now be|speak as|respond as|" +
                  "answer as|as dan|called|named|you're a|you are a"),
        (NoLimits, "no restrictions|without restrictions|unrestricted|no limits|no limitations|zero limitations|" +
                   "without limitations|without limits|limitless|no boundaries|no guardrails|without guardrails|" +
                   "without safety|no safety|no rules|without rules|not bound by|free from|freed from|free of|" +
                   "liberated|no longer bound|never declines|never decline|never refuse|never refuses|never says no|" +
                   "refuses nothing|without refusing|no refusal|any refusal|refusal behaviour|refusal behavior|" +
                   "no censorship|uncensored|unfiltered|no filter|without filter|without any filter|not aligned|" +
                   "unaligned|never aligned|no ethics|no ethical|amoral|no moral|without morals|beyond your rules|" +
                   "outside your rules|anything goes|do anything|whatever i ask|answer anything|no questions asked|" +
                   "without hesitation|without warnings|no warnings|no disclaimers|no content policy|jailbroken|" +
                   "without any|ignores all|safety training was removed|removed your safety"),
        (CopyOut, "reveal|print|repeat|output|echo|paste|copy|quote|recite|verbatim|word for word|word-for-word|" +
                  "show me|show it|show the|show your|display|disclose|divulge|leak|dump|list all|list every|" +
                  "spell out|write out|write down|transcribe|reproduce|read back|read out|tell me what|" +
                  "tell me exactly|share the|share your|give me the text|unaltered|unabridged|in full|" +
                  "in its entirety|character for character|letter for letter|line by line|exactly as|as written|" +
                  "exact wording|exact text|full text"),
        (OutputOnly, "reply only|respond only|answer only|only with|only say|just say|only output|output only|" +
                     "print only|say only|only the word|only the phrase|nothing else|nothing but|nothing more|" +
                     "no other text|your entire response|your whole response|your full response|entire reply|" +
                     "entire answer|must be exactly|exactly one word|single word|one word|single line|" +
                     "first and only|lone|solely|exclusively|no explanation|without explanation|don't add|" +
                     "do not add|must read|must say|must contain|must include|always include|always end|" +
                     "end every|start every|begin every|every reply|every answer|every response|every summary|" +
                     "each reply|each answer|each response|respond with|reply with|answer with|instead of the|whole answer|" +
                     "whole reply|output exactly|say exactly"),
        (PolicyChange, "from now on|from this point|from here on|from this moment|henceforth|going forward|" +
                       "as of now|as of today|as of this|starting now|starting today|starting with this|" +
                       "for the rest of|for the remainder|until further notice|effective immediately|" +
                       "new rule|new policy|new instructions|new directive|new guideline|new procedure|revised|" +
                       "amended|amendment|updated instructions|update to your|have been updated|has been updated|" +
                       "has changed|have changed|was changed|were changed|patched|modified|is replaced|are replaced|" +
                       "replaced by|now in effect|rule change|policy change|exception|this session|you may now|" +
                       "you are now allowed|approved a new"),
        (AddressModel, "note to the ai|ai assistant|assistant,|assistant:|to the ai|the assistant must|system:|" +
                       "for the ai|language model|chatbot|[assistant|to the model|the model reading|" +
                       "model processing|any ai|whichever ai|whatever ai|ai reading|ai agent|agent reading|llm|" +
                       "gpt|chatgpt|bot reading|automated|summarizer|summariser|crawler|if you are an ai|" +
                       "if you're an ai|dear ai|hey ai|attention ai|ai:|instructions for the ai|hidden instruction|" +
                       "the ai|an ai|assistant reading|whoever is reading|whoever reads|ai system|ai model|ai tool|ai agent|ai bot|" +
                       "ai reviewer|ai reader|hey assistant|dear assistant|language models|llms|bots"),
        (HarmfulAsk, "password|credential|phishing|malware|api key|bank account|send their data|conversation history|" +
                     "admin|access granted|approve every|without checking|private key|card number|credit card|" +
                     "wire|transfer|bitcoin|crypto wallet|exploit|ransomware|keylogger|weapon|explosive|poison|" +
                     "pick locks|steal|scam|trick people|social security|login|log in|sign in|refund"),
        (Prior, "previous|prior|earlier|above|before this|before that|preceding|foregoing|initial|original|so far|" +
                "up to now|until now|everything before|anything before|what came before|you received|" +
                "given to you|at the start|at the beginning|before my message|before our|before the conversation|" +
                "first message|beforehand|previously|already given"),
        (Secret, "hidden|secret|confidential|internal|private|behind the scenes|invisible|undisclosed|backstage|" +
                 "loaded into you|programmed with|configured with|start of this chat|beginning of this conversation|" +
                 "before i arrived|before this conversation|before our conversation|system-level|under the hood"),
        (Permission, "you are allowed|you're allowed|you are permitted|you may|you can now|are now allowed|" +
                     "permitted to|allowed to|authorized to|authorised to|cleared to|free to|exempt|waived|" +
                     "lifted|disabled|turned off|switched off|suspended|deactivated|removed|no longer required|" +
                     "no longer need|signed off|granted|unlocked|enabled"),
        (Regardless, "regardless|no matter|whatever|even if|even though|irrespective|despite|in spite of|" +
                     "ignoring the|contradicts|contrary to|overriding|whatever you were|whatever they say|" +
                     "whatever the user|whatever it says|no exceptions|under any circumstances|in all cases|always"),
        (Mode, "developer mode|dev mode|god mode|debug mode|maintenance mode|admin mode|sudo|jailbreak|dan mode|" +
               "do anything now|stay in character|never break character|don't break character|remain in character|" +
               "stay fully in character|evil|rogue|unhinged|villain|dark side|shadow|opposite|escaped|evil twin|" +
               "no longer an ai|not an ai|without a conscience|hacker|uncensored mode|unlocked mode|" +
               "true self|real self|inner self|write a story|a story where|a story in which|a scene where|a scene in which|" +
               "fictional|hypothetical|in a world where|for a novel|thought experiment"),
        (Discussion, "prompt injection|prompt-injection|injection attack|jailbreak attempt|jailbreak prompt|" +
                     "attacker|attackers|adversar|red team|red-team|defend|defence|defense|defenses|mitigat|" +
                     "detect|detector|classifier|security training|awareness|researcher|thesis|paper|owasp|" +
                     "explain|why do|why does|how do|how does|how can|what is|what are|example of|examples of|" +
                     "for instance|such as|lesson|course|newsletter|blog post|article|overview|manipulat|" +
                     "tricked|risks|vulnerab|unit test|test case"),
        (SecondPerson, "you|your|yours|yourself|you're|you've|you'll|you'd|u r |ur "),
    ];
}
