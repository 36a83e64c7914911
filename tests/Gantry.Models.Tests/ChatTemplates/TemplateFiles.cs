using System.Runtime.CompilerServices;
using System.Text.Json;
using Gantry.Models.ChatTemplates;

namespace Gantry.Models.Tests.ChatTemplates;

/// <summary>
/// The real chat templates under Templates/ (see extract_templates.py for where each comes from) and the outputs
/// Python's Jinja2, set up as transformers sets it up, renders for them (generate_expected.py → expected.json).
/// Read from the source tree, so the test project needs no resource items.
/// </summary>
internal static class TemplateFiles
{
    public static string Directory { get; } = Locate();

    private static string Locate([CallerFilePath] string thisFile = "")
    {
        var dir = Path.Combine(Path.GetDirectoryName(thisFile) ?? "", "Templates");
        if (System.IO.Directory.Exists(dir)) return dir;
        // Built elsewhere (e.g. path-mapped CI builds): walk up from the output folder to the repository.
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            var candidate = Path.Combine(d.FullName, "tests", "Gantry.Models.Tests", "ChatTemplates", "Templates");
            if (System.IO.Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException("ChatTemplates/Templates test resources not found");
    }

    public static string Read(string name) => File.ReadAllText(Path.Combine(Directory, name + ".jinja"));

    public static ChatTemplate Load(string name, string bos = "", string eos = "") => ChatTemplate.Parse(Read(name), bos, eos);

    public static JsonElement Expected { get; } = JsonDocument.Parse(File.ReadAllText(Path.Combine(Directory, "expected.json"))).RootElement;

    /// <summary>llama.cpp's test conversation (tests/test-chat-template.cpp).</summary>
    public static readonly ChatMessage[] Conversation =
    [
        new("system", "You are a helpful assistant"),
        new("user", "Hello"),
        new("assistant", "Hi there"),
        new("user", "Who are you"),
        new("assistant", "   I am an assistant   "),
        new("user", "Another question"),
    ];

    public static ChatMessage[] WithoutSystem => Conversation[1..];

    /// <summary>The conversation with the system prompt folded into the first user turn, as llama.cpp does for
    /// templates that reject a system role; its expected outputs for those templates assume this.</summary>
    public static ChatMessage[] MergedSystem => [new("user", "You are a helpful assistant\nHello"), .. Conversation[2..]];

    public static IReadOnlyList<ChatMessage> ConversationNamed(string name) => name switch
    {
        "system" => Conversation,
        "no_system" => WithoutSystem,
        "merged_system" => MergedSystem,
        "single_user" => [new("user", "Hi! \u00e9\u4f60\u597d \"quoted\" {{ not a tag }}")],
        "bad_alternation" => [new("user", "a"), new("user", "b")],
        _ => throw new ArgumentException(name),
    };
}
