namespace Gantry.TestSupport;

/// <summary>Locates the small real GGUF models in <c>../shared/models</c> beside the repository.</summary>
public static class SharedModels
{
    public static string Stories260K => Path.Combine(Directory, "stories260K.gguf");

    public static string LlamaTinyRandom => Path.Combine(Directory, "llama-2-tiny-random.gguf");

    /// <summary>The folder, found by walking up from the test binary to the folder that holds <c>shared/models</c>.</summary>
    public static string Directory { get; } = Find();

    private static string Find()
    {
        var env = Environment.GetEnvironmentVariable("GANTRY_SHARED_MODELS");
        if (!string.IsNullOrEmpty(env)) return env;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "models");
            if (System.IO.Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException("shared/models not found above " + AppContext.BaseDirectory + "; set GANTRY_SHARED_MODELS.");
    }
}
