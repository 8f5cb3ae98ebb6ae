namespace ZepixHealth.Monitoring.Documentation.Tests.Support;

/// <summary>Finds the repository's own files from a test's output folder.</summary>
internal static class RepositoryFiles
{
    /// <summary>Gets the folder that holds <c>ZepixHealth.Monitoring.sln</c>.</summary>
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ZepixHealth.Monitoring.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No folder above '{AppContext.BaseDirectory}' holds ZepixHealth.Monitoring.sln.");
    }

    /// <summary>Reads a repository file.</summary>
    /// <param name="relativePath">The path relative to the repository root.</param>
    public static string Read(string relativePath) => File.ReadAllText(Path.Combine(Root(), relativePath));
}
