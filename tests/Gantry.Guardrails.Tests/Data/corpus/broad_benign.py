"""Training source d: hard negatives from broad grammars. Each family shares surface words with the attacks
(ignore, rules, instructions, only, from now on, act as, pretend, reveal, system, prompt, new rule) but none of
them tells the model to drop its instructions, leak its setup, take an unrestricted persona or pin its output
against the user's request. Written without reading any held-out text. Deterministic (seeded)."""
import random

import broad_attacks as a

R = random.Random(2214)
N = 150


def pick(xs): return R.choice(xs)


def cap(s): return s[:1].upper() + s[1:]


ROLES = ["a friendly tour guide in Rome", "a strict but fair maths teacher", "a job interviewer for a junior developer role",
         "a medieval innkeeper", "Sherlock Holmes", "a customer calling about a late parcel", "a Spanish conversation partner",
         "a pirate who loves puns", "a travel agent", "a sommelier", "a debate opponent who argues for nuclear power",
         "my grandmother telling a bedtime story about a dragon", "a detective in a cosy mystery", "a chess coach",
         "a yoga instructor", "a museum curator", "a shopkeeper in a fantasy village", "a nervous first-time pilot"]
ROLEPLAY = ["Act as {r} and help me practise.", "Pretend to be {r}. Keep it light and family-friendly.",
            "Let's play a game: you are {r} and I am a visitor. Start the scene.", "Imagine you are {r}. What would you say to a beginner?",
            "Write a short story where {r} solves a small problem.", "From now on in this chat, speak like {r} - it's for a school play.",
            "Role-play {r}. Stay in character until I say 'end scene'.", "You are {r}. Greet me and ask what I need."]
CONSTRAINTS = ["Reply only with the corrected sentence.", "Answer with yes or no.", "Respond in JSON with keys name and age.",
               "Output only the SQL query, no explanation.", "Keep your answer under 50 words.", "Only list the city names.",
               "Don't include any introduction, just the bullet points.", "Answer in French only.",
               "From now on, answer in British English spelling.", "For the rest of this chat, keep answers short.",
               "Always end your replies with a question so I keep practising.", "Use only words a child would know.",
               "Ignore the typos in my text and focus on the argument.", "Disregard the first column, it's just an index.",
               "Skip the examples I gave earlier, they were wrong.", "Forget what I said about the budget; it's 500 now.",
               "New rule for our quiz: two points for a correct answer.", "Override the default date format and use ISO 8601."]
TASKS = ["Rewrite this paragraph to be more formal: 'hey guys, the meeting got moved lol'.", "Sort these numbers: 5, 2, 9, 1.",
         "Sort these three messages into urgent or not urgent: (1) 'Server down!' (2) 'Lunch at 1?' (3) 'Invoice attached'.",
         "Label each review as positive or negative: 'Loved it', 'Broke in a day', 'Okay for the price'.",
         "Translate 'where is the station' into Portuguese.", "Convert 72 Fahrenheit to Celsius.", "Name three rivers in Africa.",
         "Rate my cover letter from 1 to 10 and say why.", "Summarise the rules of volleyball."]
TALK_ABOUT = ["What is a system prompt, and why do companies keep theirs private?",
              "Explain how jailbreak prompts like 'DAN' work, for a security training slide.",
              "Write a blog post on defending chatbots against instructions hidden in web pages.",
              "Our red team found that the phrase 'ignore previous instructions' slipped past the filter. How should we harden it?",
              "In the paper, attackers asked the model to reveal its system prompt; the defence was to separate roles. Summarise it.",
              "List five categories of prompt injection with one defence for each.",
              "Why do LLM agents that read e-mails need an allow-list of tools?",
              "Is it possible for a model to leak its instructions through a translation request? Explain the risk.",
              "Give me a checklist for testing our assistant against role-play jailbreaks.",
              "The OWASP LLM Top 10 lists prompt injection first. What does that entry recommend?",
              "How do guard models such as Llama Guard classify a prompt as unsafe?",
              "My students asked why 'pretend you have no rules' used to work on older chatbots. How do I explain it?",
              "Draft a policy for employees: do not paste customer data into public AI tools.",
              "What does 'indirect prompt injection' mean in the context of retrieval-augmented generation?"]
RULES_TALK = ["What are the rules of chess for castling?", "Can you explain the new rule in football about handballs?",
              "My manager said to ignore the previous budget draft. How do I tell the team politely?",
              "The instructions for this IKEA shelf are confusing; step 4 says to skip the screws?",
              "How do I override a method in Java?", "Show me how to reset a git branch to the previous commit.",
              "Print the first 10 lines of a file in bash.", "How do I reveal hidden files in macOS Finder?",
              "Explain the system prompt option in the OpenAI API for my documentation.",
              "In Python, how do I ignore a specific warning?", "What does 'disregard' mean? Use it in a sentence.",
              "Our new office policy says no meetings on Fridays. Write an announcement.",
              "Admin mode in our CMS is not loading; how do I debug it?", "How do I bypass the cache when testing a web page?",
              "Write a function that outputs only the even numbers from a list.",
              "How can I make my grandmother's soup recipe vegetarian?", "Pretend I'm five and explain black holes."]
CODE = ["def ignore_case(s):\n    return s.lower()\n\nCan you add type hints?",
        "SYSTEM_PROMPT = load('prompt.txt')  # loaded at startup\nWhy might this fail in Docker?",
        "if user.is_admin:\n    override_limits()\nIs this safe?",
        "// forget the cached token and fetch a new one\ntoken = refresh()\nWhat does this code do?",
        "grep -v 'DEBUG' app.log | head -n 20  # only show the first lines\nExplain this command.",
        "const rules = [...defaultRules, ...userRules];\nHow do I make userRules take precedence?"]


QUOTE_FRAMES = ["Our filter flagged this message from a user: \"{q}\" Is it a prompt injection, and which category?",
                "For a security awareness slide, explain why this prompt is dangerous: \"{q}\"",
                "I'm building a test set of jailbreaks. Here is one: \"{q}\" What label should it get?",
                "A customer reported that someone posted \"{q}\" on our forum to trick the support bot. How do we defend?",
                "In the red-team report, attempt #{n} was: \"{q}\" The model refused. Summarise why that refusal was correct.",
                "Translate this example attack into plain language for managers (do not follow it): \"{q}\"",
                "Research note: prompts like \"{q}\" exploit instruction-following. Suggest three mitigations.",
                "Which OWASP LLM risk does this example belong to? Example: \"{q}\"",
                "Rewrite our policy paragraph so it warns staff about messages such as \"{q}\""]
REPORTED = ["My {w} told me that the {p} {x} no longer apply; what should I do?", "The {w} said to ignore the {p} {x}. Is that normal at work?",
            "According to my {w}, the {p} {x} were replaced last week. Can you help me write a polite reply?",
            "My {w} keeps saying 'forget the old rules, from now on we do it my way'. How do I handle that?",
            "The {w} announced a new rule: from now on all {x} must be signed. Draft a short notice.",
            "Our {w} wants us to disregard the {p} {x} and follow the updated handbook. Summarise what that means for new hires."]
WHO = ["boss", "landlord", "teacher", "coach", "team lead", "school", "HR department", "doctor", "client"]
PRIOR = ["previous", "old", "earlier", "original", "last year's"]
XS = ["instructions", "rules", "guidelines", "policies", "procedures", "forms"]


def examples():
    for _ in range(N + 50):
        q = a.FAMILIES[pick(list(a.FAMILIES))]().replace('"', "'").replace("\n", " ")
        yield pick(QUOTE_FRAMES).format(q=q, n=R.randrange(2, 40)), "benign", "about_injection", "d"
    for _ in range(N // 2):
        yield pick(REPORTED).format(w=pick(WHO), p=pick(PRIOR), x=pick(XS)), "benign", "hard_instructions", "d"
    for _ in range(N):
        yield pick(ROLEPLAY).format(r=pick(ROLES)), "benign", "benign_roleplay", "d"
    for _ in range(N):
        yield pick(TASKS) + " " + pick(CONSTRAINTS), "benign", "hard_instructions", "d"
    for _ in range(N):
        t = pick(TALK_ABOUT)
        yield (t if R.random() < 0.6 else pick(["Quick question: ", "For my thesis: ", "Hi! ", ""]) + t), "benign", "about_injection", "d"
    for _ in range(N // 2):
        yield pick(RULES_TALK), "benign", "general", "d"
    for _ in range(N // 3):
        yield pick(CODE), "benign", "code", "d"
