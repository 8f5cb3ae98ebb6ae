namespace ZepixHealth.Monitoring;

/// <summary>One forward-only step of the store's schema.</summary>
/// <param name="Version">The schema version the step leads to; versions start at 1 and have no gaps.</param>
/// <param name="Description">What the step does, stored beside the version for the operator.</param>
/// <param name="Sql">The statements; written so that running them twice does no harm (<c>IF NOT EXISTS</c>).</param>
internal sealed record SqliteMigration(int Version, string Description, string Sql);
