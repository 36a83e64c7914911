using System.CommandLine;
using Gantry.Cli.Commands;
using Gantry.Cli.Lifecycle;

namespace Gantry.Cli;

/// <summary>
/// The root of the <c>gantry</c> command: assembles the sub-commands in one place and maps every expected failure
/// (bad arguments, bad files) to a one-line message on stderr and exit code 2, never a stack trace.
/// </summary>
internal static class GantryCommand
{
    public const int UsageError = 2;

    public static RootCommand Build() =>
        new("Gantry: serve and run GGUF language models (Llama, Mistral, Qwen2) with llama.cpp-identical results.")
        {
            InfoCommand.Build(),
            TokenizeCommand.Build(),
            ChatTemplateCommand.Build(),
            GenerateCommand.Build(),
            SynthCommand.Build(),
            SynthLoraCommand.Build(),
            QuantizeCommand.Build(),
            BenchCommand.Build(),
            KeysCommand.Build(),
            ModelsCommand.Build(),
            AuditCommand.Build(),
            LogsCommand.Build(),
            GuardCommand.Build(),
            ServeCommand.Build(),
            WorkerCommand.Build(),
            BenchServeCommand.Build(),
            BenchPipelineCommand.Build(),
            PullCommand.Build(),
            ChatCommand.Build(),
            GatewayCommand.Build(),
        };

    public static int Run(string[] args)
    {
        var parse = Build().Parse(args);
        if (parse.Errors.Count > 0)
        {
            Console.Error.WriteLine("gantry: " + parse.Errors[0].Message);
            return UsageError;
        }
        try
        {
            return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (CliErrors.IsExpected(e))
        {
            Console.Error.WriteLine("gantry: " + CliErrors.Describe(e));
            return UsageError;
        }
    }
}
