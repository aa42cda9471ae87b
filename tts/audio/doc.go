// Package audio is the audio plumbing of the text-to-speech pipeline: it owns
// everything between "the engine produced samples" and "a verified MP3 with
// chapters is ready to publish".
//
// It owns:
//   - PCM ↔ WAV: [PCM] is mono 16-bit audio at [SampleRate]; [ReadWAV] accepts
//     espeak-ng's streamed WAV (placeholder sizes), [WriteWAV] writes a
//     canonical header.
//   - Loudness: [Loudness] (EBU R128 / ITU-R BS.1770-4 integrated loudness),
//     [TruePeak] (4× oversampled peak) and [Level], which normalises to a
//     loudness target under a true-peak ceiling with a look-ahead limiter.
//   - MP3 encode and verify: [EncodeMP3] runs the lame CLI (never cgo);
//     [MP3Samples] decodes with go-mp3 and returns the sample-exact length
//     using the LAME tag's encoder delay and padding, so the server can check
//     an MP3 against the PCM it came from.
//   - Chapters: [WithChapters] and [ReadChapters] write and read an ID3v2.4
//     tag with CTOC/CHAP frames, by hand.
//
// Everything here is mono 16-bit at 22,050 Hz: that is what espeak-ng emits
// and what the lame preset (MPEG-2 layer III) keeps, so there is no
// resampling anywhere in the package.
//
// The package imports no sotay package, so it can be tested and reused on its
// own; the only dependency outside the standard library is go-mp3.
package audio
