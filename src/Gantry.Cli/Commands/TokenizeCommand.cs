using System.CommandLine;
using System.Text.Json;
using Gantry.Models.Tokenizers;

namespace Gantry.Cli.Commands;

/// <summary>
/// <c>gantry tokenize --model PATH [--bos] [--special] TEXT</c>: token ids on one line. With <c>--jsonl</c> and no
/// TEXT, each stdin line is a JSON string and each output line holds its ids.
/// </summary>
internal static class TokenizeCommand
{
    public static Command Build()
    {
        var model = CommonOptions.Model();
        var bos = new Option<bool>("--bos") { Description = "Add the BOS token first" };
        var special = new Option<bool>("--special") { Description = "Parse special-token text such as </s> as those tokens" };
        var jsonl = new Option<bool>("--jsonl") { Description = "Read one JSON string per stdin line; print one line of ids each" };
        var text = new Argument<string?>("TEXT") { Description = "Text to tokenize", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("tokenize", "Print the token ids of a text") { model, bos, special, jsonl, text };
        command.SetAction(parse =>
        {
            var tokenizer = TokenizerFactory.FromGguf(ModelLocator.Resolve(parse.GetValue(model)!));
            var addBos = parse.GetValue(bos);
            var parseSpecial = parse.GetValue(special);
            var input = parse.GetValue(text);
            if (parse.GetValue(jsonl))
            {
                if (input is not null) throw new CliUsageException("--jsonl reads stdin; do not also give TEXT");
                foreach (var s in JsonLines.Strings(Console.In)) Console.WriteLine(Format(Encode(tokenizer, s, addBos, parseSpecial)));
                return 0;
            }
            if (input is null) throw new CliUsageException("give TEXT, or --jsonl to read JSON strings from stdin");
            Console.WriteLine(Format(Encode(tokenizer, input, addBos, parseSpecial)));
            return 0;
        });
        return command;
    }

    /// <summary>BOS only when asked (--bos) and the vocabulary has one; EOS never (a tokenizer view, not a prompt).</summary>
    private static int[] Encode(ITokenizer tokenizer, string text, bool addBos, bool parseSpecial)
    {
        var ids = tokenizer.Encode(text, addSpecial: false, parseSpecial);
        return addBos && tokenizer.BosId >= 0 ? [tokenizer.BosId, .. ids] : ids;
    }

    private static string Format(int[] ids) => string.Join(' ', ids);
}
