using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Adal.Tests.Infrastructure;

/// <summary>
/// A real, minimal SMTP server (RFC 5321: EHLO, MAIL, RCPT, DATA, QUIT) on 127.0.0.1 that keeps what it receives,
/// so e-mail tests exercise the dispatcher's actual SMTP conversation rather than a mock.
/// </summary>
public sealed class SmtpListener : IDisposable
{
    public sealed record Message(string From, IReadOnlyList<string> Recipients, string Data)
    {
        public MimeKit.MimeMessage Parsed => MimeKit.MimeMessage.Load(new MemoryStream(Encoding.ASCII.GetBytes(Data)));
    }

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    public ConcurrentQueue<Message> Messages { get; } = new();
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public void Start()
    {
        _listener.Start();
        _ = AcceptLoopAsync();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception) { return; }
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        var reader = new StreamReader(stream, Encoding.ASCII);
        var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync("220 adal-test ESMTP");
        string from = "";
        var recipients = new List<string>();
        while (await reader.ReadLineAsync() is { } line)
        {
            var verb = line.Split(' ', 2)[0].ToUpperInvariant();
            switch (verb)
            {
                case "EHLO" or "HELO": await writer.WriteLineAsync("250 adal-test"); break;
                case "MAIL": from = line[(line.IndexOf(':') + 1)..].Trim(); recipients.Clear(); await writer.WriteLineAsync("250 OK"); break;
                case "RCPT": recipients.Add(line[(line.IndexOf(':') + 1)..].Trim()); await writer.WriteLineAsync("250 OK"); break;
                case "DATA":
                    await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                    var data = new StringBuilder();
                    while (await reader.ReadLineAsync() is { } dataLine && dataLine != ".")
                        data.Append(dataLine.StartsWith("..") ? dataLine[1..] : dataLine).Append("\r\n");
                    Messages.Enqueue(new Message(from, [.. recipients], data.ToString()));
                    await writer.WriteLineAsync("250 OK queued");
                    break;
                case "QUIT": await writer.WriteLineAsync("221 Bye"); return;
                case "RSET" or "NOOP": await writer.WriteLineAsync("250 OK"); break;
                default: await writer.WriteLineAsync("502 Command not implemented"); break;
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _listener.Dispose();
    }
}
