namespace Gantry.Server.Protocol;

internal sealed record Usage(int PromptTokens, int CompletionTokens, int TotalTokens, PromptTokensDetails? PromptTokensDetails = null);

internal sealed record PromptTokensDetails(int CachedTokens);
