using System.Text.Json.Nodes;
using Gantry.Models.ChatTemplates;

namespace Gantry.Models.Tests.ChatTemplates;

/// <summary>
/// Every real template of the corpus on every conversation of Corpus/conversations.json (plain, system prompt,
/// multi-turn, tools, tool calls and results, thinking switched off), with the generation prompt on and off, rendered
/// by Gantry and by Python's Jinja2 (run at test time) byte for byte. Where Jinja2 raises, Gantry must raise too:
/// with the same message when the template itself called raise_exception.
/// </summary>
public sealed class ChatTemplateCorpusTests
{
    private sealed record Case(string Template, string Conversation, bool Generation);

    private static readonly Lazy<(List<Case> Cases, JsonArray Expected)> Reference = new(() =>
    {
        var cases = new List<Case>();
        var jobs = new List<(string, JsonObject)>();
        foreach (var name in CorpusFiles.Templates.Keys)
            foreach (var (conversation, _) in CorpusFiles.Conversations)
                foreach (bool generation in new[] { true, false })
                {
                    cases.Add(new Case(name, conversation, generation));
                    jobs.Add((CorpusFiles.Source(name), Variables(name, conversation, generation)));
                }
        return (cases, Jinja2Reference.Render(jobs));
    });

    internal static JsonObject Variables(string template, string conversation, bool generation)
    {
        var v = CorpusFiles.Conversations[conversation]!.AsObject().DeepClone().AsObject();
        var (bos, eos) = CorpusFiles.TokensFor(template);
        v["bos_token"] = bos;
        v["eos_token"] = eos;
        v["add_generation_prompt"] = generation;
        if (!v.ContainsKey("tools")) v["tools"] = null;
        v["documents"] = null;
        return v;
    }

    public static TheoryData<string, string, bool> Cases()
    {
        var data = new TheoryData<string, string, bool>();
        foreach (var name in CorpusFiles.Templates.Keys)
            foreach (var (conversation, _) in CorpusFiles.Conversations)
            {
                data.Add(name, conversation, true);
                data.Add(name, conversation, false);
            }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Render_CorpusTemplate_MatchesJinja2(string template, string conversation, bool generation)
    {
        var (cases, expectedAll) = Reference.Value;
        var expected = expectedAll[cases.IndexOf(new Case(template, conversation, generation))]!.AsObject();
        var (bos, eos) = CorpusFiles.TokensFor(template);
        var chat = ChatTemplate.Parse(CorpusFiles.Source(template), bos, eos).WithClock(new FixedClock(Jinja2Reference.Now));
        var variables = Variables(template, conversation, generation);

        if (expected.TryGetPropertyValue("error", out var error))
        {
            var ex = Assert.Throws<ChatTemplateException>(() => chat.Render(variables));
            bool raisedByTemplate = (string?)expected["kind"] == "TemplateError";
            Assert.True(raisedByTemplate == ex.RaisedByTemplate, $"Jinja2: {expected["kind"]}: {error}; Gantry: {ex.Message}");
            if (raisedByTemplate) Assert.Equal((string?)error, ex.Reason);
        }
        else
        {
            string actual;
            try { actual = chat.Render(variables); }
            catch (ChatTemplateException ex) { throw new Xunit.Sdk.XunitException($"Gantry failed where Jinja2 rendered: {ex.Message}"); }
            Assert.Equal((string?)expected["text"], actual);
        }
    }
}
