using System.Text;
using Adal.Features.Verification;

namespace Adal.Tests.Verification;

/// <summary>A scratch folder for `adal verify`'s input files, and the command run in-process on them.</summary>
internal sealed class VerifyFolder : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("adal-verify-").FullName;

    public string Save(string name, string text) => Save(name, Encoding.UTF8.GetBytes(text));

    public string Save(string name, byte[] bytes)
    {
        var path = Path.Combine(Root, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public static (int Code, string Output, string Errors) Verify(params string[] args)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        var code = VerifyCommand.Run(args, output, errors);
        return (code, output.ToString(), errors.ToString());
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}
