namespace Gantry.Cli;

/// <summary>The root of the <c>gantry</c> command: builds the sub-command tree and runs it.</summary>
internal static class GantryCommand
{
    public static int Run(string[] args)
    {
        Console.Error.WriteLine("gantry: no commands yet");
        return 2;
    }
}
