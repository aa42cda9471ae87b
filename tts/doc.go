// Package tts renders a document's Vietnamese audio: a Script (title,
// headings, paragraphs) is normalised into spoken sentences (tts/vi),
// chunked by paragraph, synthesised chunk by chunk by an Engine (espeak-ng
// as a subprocess by default, or a cloud provider over HTTP) through a
// cache keyed by everything that shapes a chunk's sound, joined as PCM with
// planned pauses, levelled, encoded once to MP3 with chapter marks and
// verified by decoding (tts/audio).
//
// It knows nothing of documents, members or the database: package content
// turns a document into a Script and stores the Rendering. tts imports only
// tts/vi and tts/audio of sotay.
package tts
