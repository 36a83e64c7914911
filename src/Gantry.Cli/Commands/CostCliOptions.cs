using System.CommandLine;
using Gantry.Engine.Costs;

namespace Gantry.Cli.Commands;

/// <summary>
/// <c>--cost-watts W</c>, <c>--cost-grid-gco2-per-kwh G</c> and <c>--price-table FILE</c> for <c>serve</c>: the figures that
/// turn each request's measured CPU time and tokens into energy, carbon and price (see docs/costs.md).
/// </summary>
internal sealed class CostCliOptions
{
    private readonly Option<double> _watts = new("--cost-watts")
    {
        Description = "Watts the CPU draws while the engine computes, for each request's energy estimate (CPU seconds × watts; 0: no energy)",
        DefaultValueFactory = _ => 0,
    };

    private readonly Option<double> _grid = new("--cost-grid-gco2-per-kwh")
    {
        Description = "Carbon intensity of the electricity in gCO2e per kWh, for each request's carbon estimate (0: no carbon)",
        DefaultValueFactory = _ => 0,
    };

    private readonly Option<string?> _prices = new("--price-table")
    {
        Description = "File of prices per 1M tokens, one MODEL=INPUT,OUTPUT a line (# comments); a model without a line costs nothing",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(_watts);
        command.Options.Add(_grid);
        command.Options.Add(_prices);
    }

    /// <summary>The settings; the server's validator checks the numbers (and the CLI phrases its problems with these flags).</summary>
    public CostSettings Parse(ParseResult parse)
    {
        var settings = new CostSettings { CpuWatts = parse.GetValue(_watts), GridGco2PerKwh = parse.GetValue(_grid) };
        if (parse.GetValue(_prices) is not { } file) return settings;
        if (!File.Exists(file)) throw new FileNotFoundException($"file not found: {file}", file);
        try
        {
            return settings with { Prices = CostSettings.ParsePriceTable(File.ReadAllText(file)) };
        }
        catch (FormatException e)
        {
            throw new CliUsageException($"--price-table {file}: {e.Message}");
        }
    }
}
