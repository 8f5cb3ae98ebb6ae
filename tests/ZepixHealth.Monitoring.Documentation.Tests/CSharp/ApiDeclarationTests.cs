using System.Reflection;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ZepixHealth.Monitoring.Documentation.Tests.Blocks;

namespace ZepixHealth.Monitoring.Documentation.Tests.CSharp;

/// <summary>"csharp api" blocks show a public type of the library: each member as declared (name, parameters, return type), and all of them.</summary>
[TestFixture]
public sealed class ApiDeclarationTests
{
    private static readonly Dictionary<string, string> Keywords = new()
    {
        ["Boolean"] = "bool", ["String"] = "string", ["Int32"] = "int", ["Int64"] = "long", ["Double"] = "double", ["Void"] = "void",
    };

    public static IEnumerable<TestCaseData> Blocks() =>
        BlockCatalog.Claimed("csharp api").Select(c => new TestCaseData(c.Block).SetName($"Declaration_AsWritten_IsTheLibrarys({c.Block.File}:{c.Block.Line})"));

    [TestCaseSource(nameof(Blocks))]
    public void Declaration_AsWritten_IsTheLibrarys(DocumentedBlock block)
    {
        var root = CSharpSyntaxTree.ParseText(block.Text).GetCompilationUnitRoot();
        root.GetDiagnostics().Should().BeEmpty($"{block} parses");
        var ns = root.DescendantNodes().OfType<BaseNamespaceDeclarationSyntax>().Single().Name.ToString();
        var types = root.DescendantNodes().OfType<TypeDeclarationSyntax>().ToList();
        types.Should().NotBeEmpty();

        foreach (var declared in types)
        {
            var real = typeof(IHealthCheckablePlugin).Assembly.GetType($"{ns}.{declared.Identifier.Text}");
            real.Should().NotBeNull($"{ns}.{declared.Identifier.Text} of {block} is a type of the library");
            var shown = declared.Members.Select(Describe).ToList();
            var actual = real!.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Where(m => m is PropertyInfo || m is MethodInfo { IsSpecialName: false }).Select(Describe).ToList();

            shown.Should().BeEquivalentTo(actual, $"{block} shows every member of {real.Name} as it is declared");
        }
    }

    private static string Describe(MemberDeclarationSyntax member) => member switch
    {
        PropertyDeclarationSyntax p => $"{p.Type} {p.Identifier}",
        MethodDeclarationSyntax m => $"{m.ReturnType} {m.Identifier}({string.Join(", ", m.ParameterList.Parameters.Select(a => $"{a.Type} {a.Identifier}"))})",
        _ => member.ToString(),
    };

    private static string Describe(MemberInfo member) => member switch
    {
        PropertyInfo p => $"{Name(p.PropertyType)} {p.Name}",
        MethodInfo m => $"{Name(m.ReturnType)} {m.Name}({string.Join(", ", m.GetParameters().Select(a => $"{Name(a.ParameterType)} {a.Name}"))})",
        _ => member.ToString()!,
    };

    private static string Name(Type type) => type.IsGenericType
        ? $"{type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)]}<{string.Join(", ", type.GetGenericArguments().Select(Name))}>"
        : Keywords.GetValueOrDefault(type.Name, type.Name);
}
