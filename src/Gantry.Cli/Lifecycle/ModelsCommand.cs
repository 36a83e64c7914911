using System.CommandLine;
using System.Globalization;
using Gantry.Cli.Commands;
using Gantry.Server.Lifecycle;

namespace Gantry.Cli.Lifecycle;

/// <summary>
/// <c>gantry models add|list|remove</c>: the model registry in the state database (as <c>gantry keys</c> edits keys), and
/// <c>gantry models load|unload|swap NAME … --server URL</c>: the same versions loaded into a running server (see
/// <see cref="ModelsServerCommands"/>).
/// </summary>
internal static class ModelsCommand
{
    public static Command Build() => new("models", "Register model versions, and load, unload or swap them on a running server")
    {
        Add(),
        List(),
        Remove(),
        ModelsServerCommands.Load(),
        ModelsServerCommands.Unload(),
        ModelsServerCommands.Swap(),
        ModelsTrafficCommands.Canary(),
        ModelsTrafficCommands.Split(),
    };

    private static Command Add()
    {
        var stateDir = SecurityOptions.StateDir();
        var name = new Argument<string>("name") { Description = "Public model name (what clients put in 'model')" };
        var path = new Option<string>("--path") { Description = "GGUF file of this version", Required = true };
        var version = new Option<string>("--version") { Description = "Version label (e.g. v2, 2026-03-q4)", Required = true };
        var notes = new Option<string?>("--notes") { Description = "Free text kept with the version" };
        var command = new Command("add", "Register a GGUF file as a version of a model (records SHA-256, architecture, quantization, size)") { name, path, version, notes, stateDir };
        command.SetAction(parse =>
        {
            var file = ModelLocator.Resolve(parse.GetValue(path)!);
            var store = Open(parse.GetValue(stateDir));
            var v = Run(() =>
            {
                ModelVersionStore.Check(parse.GetValue(name)!, parse.GetValue(version)!);
                if (!File.Exists(file)) throw new FileNotFoundException($"file not found: {file}", file);
                var inspected = ModelFileInspector.Inspect(parse.GetValue(name)!, parse.GetValue(version)!, file, parse.GetValue(notes), DateTimeOffset.UtcNow);
                store.Add(inspected);
                return inspected;
            });
            Console.WriteLine($"registered {v.Name} {v.Version}: {v.Architecture}, {v.Quantization}, {v.SizeBytes:N0} bytes, sha256 {v.Sha256} in {store.DatabasePath}");
            return 0;
        });
        return command;
    }

    private static Command List()
    {
        var stateDir = SecurityOptions.StateDir();
        var name = new Argument<string?>("name") { Description = "Only this model's versions", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("list", "List registered model versions") { name, stateDir };
        command.SetAction(parse =>
        {
            var versions = Open(parse.GetValue(stateDir)).List(parse.GetValue(name));
            Console.WriteLine($"{"NAME",-24}{"VERSION",-14}{"ARCH",-10}{"QUANT",-8}{"SIZE",14}  {"CREATED",-21}{"SHA256",-14}PATH");
            foreach (var v in versions)
            {
                var created = v.CreatedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
                Console.WriteLine($"{v.Name,-24}{v.Version,-14}{v.Architecture,-10}{v.Quantization,-8}{v.SizeBytes,14:N0}  {created,-21}{v.Sha256[..Math.Min(12, v.Sha256.Length)],-14}{v.Path}{(v.Notes is null ? "" : "  # " + v.Notes)}");
            }
            return 0;
        });
        return command;
    }

    private static Command Remove()
    {
        var stateDir = SecurityOptions.StateDir();
        var name = new Argument<string>("name") { Description = "Model name" };
        var version = new Option<string>("--version") { Description = "Version label to remove", Required = true };
        var command = new Command("remove", "Remove a registered version (the file itself is left alone)") { name, version, stateDir };
        command.SetAction(parse =>
        {
            var store = Open(parse.GetValue(stateDir));
            if (!store.Remove(parse.GetValue(name)!, parse.GetValue(version)!))
                throw new CliUsageException($"model '{parse.GetValue(name)}' has no registered version '{parse.GetValue(version)}'");
            Console.WriteLine($"removed {parse.GetValue(name)} {parse.GetValue(version)}");
            return 0;
        });
        return command;
    }

    private static ModelVersionStore Open(string? stateDir) => ModelVersionStore.Open(stateDir);

    /// <summary>Runs a registry call, turning its expected failures into usage errors (exit 2, one line).</summary>
    private static T Run<T>(Func<T> call)
    {
        try
        {
            return call();
        }
        catch (ModelLifecycleException e)
        {
            var flag = e.Param switch { "version" => "--version: ", "path" => "--path: ", "name" => "NAME: ", _ => "" };
            throw new CliUsageException(flag + e.Message);
        }
    }
}
