namespace Gantry.TestSupport;

/// <summary>A file path under the temp folder that is deleted on dispose.</summary>
public sealed class TempFile : IDisposable
{
    public TempFile(string extension = ".gguf")
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "gantry-test-" + Guid.NewGuid().ToString("N") + extension);
    }

    public string Path { get; }

    public void Dispose()
    {
        try { File.Delete(Path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
