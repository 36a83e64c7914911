using System.Text.Json.Nodes;
using Gantry.Models.ChatTemplates;
using Gantry.Models.Gguf;
using Gantry.Models.Tokenizers;
using Gantry.TestSupport;

namespace Gantry.Cli.Tests.Commands;

/// <summary><c>gantry chat-template (--template FILE | --model GGUF) [--jsonl] [--no-normalize]</c>.</summary>
public sealed class ChatTemplateCommandTests : IDisposable
{
    // Gemma 2's template: rejects a system message, so normalisation (merging it into the first user turn) shows.
    private const string Gemma =
        "{{ bos_token }}{% if messages[0]['role'] == 'system' %}{{ raise_exception('System role not supported') }}{% endif %}"
        + "{% for message in messages %}{% if (message['role'] == 'assistant') %}{% set role = 'model' %}{% else %}{% set role = message['role'] %}{% endif %}"
        + "{{ '<start_of_turn>' + role + '\\n' + message['content'] | trim + '<end_of_turn>\\n' }}{% endfor %}"
        + "{% if add_generation_prompt %}{{'<start_of_turn>model\\n'}}{% endif %}";

    private readonly TempFile _file = new(".jinja");

    public ChatTemplateCommandTests() => File.WriteAllText(_file.Path, Gemma);

    public void Dispose() => _file.Dispose();

    private const string WithSystem =
        """{"messages": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Hi é"}], "add_generation_prompt": true, "bos_token": "<bos>"}""";

    [Fact]
    public void Template_OneObject_PrintsTextOnly()
    {
        var r = CliRunner.RunWithInput(WithSystem, "chat-template", "--template", _file.Path);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("<bos><start_of_turn>user\nBe brief.\nHi é<end_of_turn>\n<start_of_turn>model\n", r.Stdout);
        Assert.Equal("", r.Stderr);
    }

    [Fact]
    public void Template_NoNormalize_TemplateErrorOnStderr()
    {
        var r = CliRunner.RunWithInput(WithSystem, "chat-template", "--template", _file.Path, "--no-normalize");
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("", r.Stdout);
        Assert.Contains("System role not supported", r.Stderr);
    }

    [Fact]
    public void Jsonl_LinePerInput_TextOrErrorAndTemplateOverride()
    {
        var input = string.Join('\n',
            """{"messages": [{"role": "user", "content": "a"}]}""",
            "",
            """{"messages": [{"role": "user", "content": "b"}], "template": "{% for m in messages %}[{{ m.content }}]{% endfor %}"}""",
            """{"messages": [{"role": "user", "content": "c"}], "template": "{% for m in messages %}"}""",
            "not json",
            """{"messages": [{"role": "assistant", "content": "x"}, {"role": "system", "content": "late"}]}""");
        var r = CliRunner.RunWithInput(input, "chat-template", "--template", _file.Path, "--jsonl");
        Assert.Equal(0, r.ExitCode);
        var lines = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).ToArray();
        Assert.Equal(5, lines.Length);
        Assert.Equal("<start_of_turn>user\na<end_of_turn>\n", (string?)lines[0]["text"]);
        Assert.Equal("[b]", (string?)lines[1]["text"]);
        Assert.Contains("'for' block is never closed", (string?)lines[2]["error"]);
        Assert.Contains("JSON", (string?)lines[3]["error"]);
        // A system message after the first turn becomes a user message of its own.
        Assert.Equal("<start_of_turn>model\nx<end_of_turn>\n<start_of_turn>user\nlate<end_of_turn>\n", (string?)lines[4]["text"]);
    }

    [Fact]
    public void Model_UsesTheModelsTemplateAndTokenizer()
    {
        var input = """{"messages": [{"role": "user", "content": "Once upon a time"}], "add_generation_prompt": true}""";
        var r = CliRunner.RunWithInput(input, "chat-template", "--model", SharedModels.Stories260K);
        Assert.Equal(0, r.ExitCode);
        using var file = GgufFile.Open(SharedModels.Stories260K);
        var expected = ChatTemplate.FromGguf(file.Metadata, TokenizerFactory.FromGguf(file.Metadata)).Apply(JsonNode.Parse(input)!.AsObject());
        Assert.Equal(expected, r.Stdout);
        Assert.Contains("Once upon a time", r.Stdout);
    }

    [Theory]
    [InlineData]
    [InlineData("--template", "x.jinja", "--model", "m.gguf")]
    public void NeitherOrBothSources_UsageError(params string[] sources)
    {
        var r = CliRunner.RunWithInput("{}", ["chat-template", .. sources]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("exactly one of --template FILE or --model GGUF", r.Stderr);
    }

    [Fact]
    public void MissingTemplateFile_OneLineError()
    {
        var r = CliRunner.RunWithInput("{}", "chat-template", "--template", "/nonexistent/t.jinja");
        Assert.Equal(2, r.ExitCode);
        Assert.Single(r.StderrLines);
        Assert.Contains("/nonexistent/t.jinja", r.Stderr);
    }

    [Fact]
    public void NotAnObject_UsageError()
    {
        var r = CliRunner.RunWithInput("[1, 2]", "chat-template", "--template", _file.Path);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("one JSON object", r.Stderr);
    }
}
