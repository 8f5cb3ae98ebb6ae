namespace ZepixHealth.Monitoring.Tests.Support;

/// <summary>Finds the repository's own files (README, docs, src) from a test's output folder.</summary>
internal static class RepositoryFiles
{
    /// <summary>Gets the folder that holds <c>ZepixHealth.Monitoring.sln</c>.</summary>
    public static string Root()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ZepixHealth.Monitoring.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No ZepixHealth.Monitoring.sln above {TestContext.CurrentContext.TestDirectory}.");
    }
}
