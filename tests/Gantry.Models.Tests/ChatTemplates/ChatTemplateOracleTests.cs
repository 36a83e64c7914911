using Gantry.Models.ChatTemplates;

namespace Gantry.Models.Tests.ChatTemplates;

/// <summary>
/// Every real template under Templates/ rendered for five conversations, with and without the generation prompt,
/// against what Python's Jinja2 renders with transformers' settings (expected.json): the same text, or the same
/// raise_exception message (or, where Jinja2 fails with a Python error such as iterating none, a ChatTemplateException).
/// </summary>
public sealed class ChatTemplateOracleTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var template in TemplateFiles.Expected.EnumerateObject())
            foreach (var c in template.Value.GetProperty("cases").EnumerateObject())
                data.Add(template.Name, c.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Render_RealTemplate_MatchesJinja2(string template, string caseName)
    {
        var entry = TemplateFiles.Expected.GetProperty(template);
        var expected = entry.GetProperty("cases").GetProperty(caseName);
        var chat = TemplateFiles.Load(template, entry.GetProperty("bos_token").GetString()!, entry.GetProperty("eos_token").GetString()!);
        var parts = caseName.Split('/');
        var messages = TemplateFiles.ConversationNamed(parts[0]);
        bool addGenerationPrompt = parts[1] == "gen";

        if (expected.TryGetProperty("error", out var error))
        {
            var ex = Assert.Throws<ChatTemplateException>(() => chat.Render(messages, addGenerationPrompt));
            bool raisedByTemplate = expected.GetProperty("type").GetString() == "TemplateError";
            Assert.True(raisedByTemplate == ex.RaisedByTemplate, ex.Message);
            if (raisedByTemplate) Assert.Equal(error.GetString(), ex.Reason);
        }
        else
        {
            Assert.Equal(expected.GetProperty("output").GetString(), chat.Render(messages, addGenerationPrompt));
        }
    }

    [Fact]
    public void Expected_CoversEveryTemplateFile()
    {
        var files = Directory.GetFiles(TemplateFiles.Directory, "*.jinja").Select(Path.GetFileNameWithoutExtension).Order().ToArray();
        var covered = TemplateFiles.Expected.EnumerateObject().Select(p => p.Name).Order().ToArray();
        Assert.Equal(files, covered);
        Assert.True(files.Length >= 25);
    }
}
