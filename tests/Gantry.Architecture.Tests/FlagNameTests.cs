using System.Text.RegularExpressions;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Gantry.Architecture.Tests;

/// <summary>
/// Only the CLI speaks in flag names: the libraries' strings (every <c>ldstr</c>, constant and attribute argument, so
/// exception messages, HTTP error text and source-generated log messages all count) never spell a command-line flag
/// such as <c>--kv-cache-memory</c>. Libraries name the option or property (<c>KvCacheBytes</c>, as an
/// <see cref="ArgumentException.ParamName"/>) and the CLI maps it to its flag.
/// </summary>
public sealed partial class FlagNameTests
{
    /// <summary>Strings that look like flags but are not about gantry's command line (empty: none are needed today).</summary>
    private static readonly HashSet<string> Allowed = new(StringComparer.Ordinal);

    public static TheoryData<string> Libraries() => new(AssemblyScanner.Layers.Where(a => a != "gantry"));

    [Theory]
    [MemberData(nameof(Libraries))]
    public void LibraryStrings_NameNoCommandLineFlag(string assembly)
    {
        var found = FlagLikeStrings(assembly).Where(s => !Allowed.Contains(s.Text)).Select(s => $"{s.Where}: \"{s.Text}\"").ToList();
        Assert.True(found.Count == 0, $"{assembly} spells command-line flags (name the option instead; the CLI maps it to its flag):\n"
            + string.Join("\n", found));
    }

    [Fact]
    public void Scanner_FindsFlagsInTheCli()
    {
        // Guards the scan itself: the CLI defines its flags as string literals, so they must be found there.
        Assert.Contains(FlagLikeStrings("gantry"), s => s.Text == "--kv-cache-memory");
    }

    [Theory]
    [InlineData("--port", true)]
    [InlineData("raise --kv-cache-memory", true)]
    [InlineData("(--max-loras)", true)]
    [InlineData("'--auth none'", true)]
    [InlineData("data: [DONE]\n\n--", false)]
    [InlineData("a--b", false)]
    [InlineData("-- ", false)]
    [InlineData("---x", false)]
    public void FlagPattern_MatchesFlagsOnly(string text, bool flagLike) => Assert.Equal(flagLike, FlagPattern().IsMatch(text));

    /// <summary>A flag: two dashes and a letter, not inside a word or a longer run of dashes.</summary>
    [GeneratedRegex(@"(?<![\w-])--[a-z]")]
    private static partial Regex FlagPattern();

    private static List<(string Where, string Text)> FlagLikeStrings(string assembly)
    {
        using var module = ModuleDefinition.ReadModule(AssemblyScanner.PathOf(assembly));
        var found = new List<(string, string)>();
        void Check(string where, object? value)
        {
            if (value is string s && FlagPattern().IsMatch(s)) found.Add((where, s));
        }

        foreach (var type in module.GetTypes())
        {
            foreach (var field in type.Fields.Where(f => f.HasConstant)) Check($"{type.FullName}.{field.Name}", field.Constant);
            foreach (var provider in new ICustomAttributeProvider[] { type }.Concat(type.Methods).Concat(type.Properties).Concat(type.Fields))
                foreach (var attribute in provider.CustomAttributes)
                    foreach (var argument in attribute.ConstructorArguments.Concat(attribute.Properties.Select(p => p.Argument)))
                        Check($"{type.FullName} [{attribute.AttributeType.Name}]", argument.Value);
            foreach (var method in type.Methods.Where(m => m.HasBody))
                foreach (var instruction in method.Body.Instructions.Where(i => i.OpCode.Code == Code.Ldstr))
                    Check($"{type.FullName}.{method.Name}", instruction.Operand);
        }
        return found;
    }
}
