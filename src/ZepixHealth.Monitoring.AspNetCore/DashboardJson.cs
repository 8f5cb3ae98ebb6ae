using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZepixHealth.Monitoring.AspNetCore;

/// <summary>The JSON API's serializer settings: camelCase, enums as words.</summary>
internal static class DashboardJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };
}
