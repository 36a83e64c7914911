using System.Text.Json;
using Gantry.Models.ChatTemplates;

namespace Gantry.Models.Tests.ChatTemplates;

/// <summary>
/// One Jinja feature per snippet (whitespace control, literals, operators, loops, scoping, macros, tests, filters,
/// methods, syntax errors), each compared with what Python's Jinja2 renders under transformers' settings
/// (Templates/generate_snippets.py → snippets.json). Where Jinja2 raises, we must throw ChatTemplateException.
/// </summary>
public sealed class JinjaSnippetTests
{
    private static readonly JsonElement[] Snippets =
        JsonDocument.Parse(File.ReadAllText(Path.Combine(TemplateFiles.Directory, "snippets.json"))).RootElement.EnumerateArray().ToArray();

    private static readonly ChatMessage[] Messages = [new("system", "Be brief."), new("user", "  Hello, World  "), new("assistant", "Hi")];

    public static TheoryData<int> Indexes() => [.. Enumerable.Range(0, Snippets.Length)];

    [Theory]
    [MemberData(nameof(Indexes))]
    public void Render_Snippet_MatchesJinja2(int index)
    {
        var snippet = Snippets[index];
        var source = snippet.GetProperty("template").GetString()!;
        if (snippet.TryGetProperty("error", out var error))
        {
            var ex = Assert.ThrowsAny<ChatTemplateException>(() => ChatTemplate.Parse(source, "<s>", "</s>").Render(Messages, true));
            Assert.True(ex.Line > 0 || !ex.RaisedByTemplate, $"{source} → {ex.Message} (Jinja2: {error.GetString()})");
            if (error.GetString()!.StartsWith("TemplateError: ", StringComparison.Ordinal))
                Assert.Equal(error.GetString()!["TemplateError: ".Length..], ex.Reason);
        }
        else
        {
            var output = ChatTemplate.Parse(source, "<s>", "</s>").Render(Messages, addGenerationPrompt: true);
            Assert.True(snippet.GetProperty("output").GetString() == output, $"template: {source}\nexpected: {snippet.GetProperty("output").GetString()}\nactual:   {output}");
        }
    }
}
