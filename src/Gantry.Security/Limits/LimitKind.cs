namespace Gantry.Security.Limits;

/// <summary>Which limit turned a request away.</summary>
public enum LimitKind
{
    None,
    Requests,
    Tokens,
    Concurrency,
    DailyQuota,
    MonthlyQuota,
}
