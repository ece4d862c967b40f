/*
 * Copyright (c) 2026 The tribuo-rewardcollapse authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package org.rewardcollapse.data.source;

import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads data files line by line: plain or gzip (detected from the content, not the name), strict UTF-8,
 * and exact 1-based line numbers for every error, including invalid bytes.
 */
public final class DataFiles {

    /** A consumer of the lines of a file. */
    @FunctionalInterface
    public interface LineHandler {
        /**
         * Handles one line.
         * @param lineNumber The 1-based line number.
         * @param line The line without its terminator (a trailing carriage return is removed too).
         */
        void accept(long lineNumber, String line);
    }

    /** The longest line a loader accepts: a longer one is not a data line (a binary file, a missing newline). */
    public static final int MAX_LINE_BYTES = 64 << 20;

    private static final int GZIP_MAGIC_0 = 0x1f;
    private static final int GZIP_MAGIC_1 = 0x8b;

    private DataFiles() {}

    /**
     * Checks that a path names a readable regular file.
     * @param file The path.
     * @throws DataFormatException If it does not exist, is a directory or cannot be read.
     */
    public static void requireReadableFile(Path file) {
        if (file == null) {
            throw new DataFormatException(null, "no data file given");
        }
        if (!Files.exists(file)) {
            throw new DataFormatException(file, "file not found");
        }
        if (!Files.isRegularFile(file)) {
            throw new DataFormatException(file, "not a regular file");
        }
        if (!Files.isReadable(file)) {
            throw new DataFormatException(file, "file is not readable");
        }
    }

    /**
     * Opens a file for reading, transparently decompressing gzip content.
     * @param file The file.
     * @return A buffered stream over the (decompressed) bytes.
     * @throws IOException If the file cannot be opened.
     */
    public static InputStream open(Path file) throws IOException {
        requireReadableFile(file);
        BufferedInputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        if (b0 == GZIP_MAGIC_0 && b1 == GZIP_MAGIC_1) {
            // Every member is read, and bytes after the last one are an error (as gzip -t says); the JDK's
            // GZIPInputStream drops them silently and may skip a member that arrives late on a pipe.
            return new BufferedInputStream(GzipCompressorInputStream.builder().setInputStream(in)
                    .setDecompressConcatenated(true).get(), 1 << 16);
        }
        return in;
    }

    /**
     * Calls the handler for every line of the file, in order.
     * @param file The file.
     * @param handler The handler; exceptions it throws propagate unchanged.
     * @throws DataFormatException If the file is missing, unreadable, truncated (gzip) or not valid UTF-8.
     */
    public static void forEachLine(Path file, LineHandler handler) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        long lineNumber = 0;
        try (InputStream in = open(file)) {
            ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
            byte[] chunk = new byte[1 << 16];
            boolean pending = false;
            int read;
            while ((read = in.read(chunk)) != -1) {
                int start = 0;
                for (int i = 0; i < read; i++) {
                    if (chunk[i] == '\n') {
                        line.write(chunk, start, i - start);
                        lineNumber++;
                        handler.accept(lineNumber, decode(decoder, line, file, lineNumber));
                        line.reset();
                        start = i + 1;
                        pending = false;
                    }
                }
                if (start < read) {
                    line.write(chunk, start, read - start);
                    pending = true;
                }
                if (line.size() > MAX_LINE_BYTES) {
                    throw new DataFormatException(file, lineNumber + 1, null, "line is longer than "
                            + (MAX_LINE_BYTES >> 20) + " MiB (not a line-oriented data file, or a missing newline?)");
                }
            }
            if (pending) {
                lineNumber++;
                handler.accept(lineNumber, decode(decoder, line, file, lineNumber));
            }
        } catch (NoSuchFileException e) {
            throw new DataFormatException(file, "file not found");
        } catch (IOException e) {
            // Decompression reads ahead of the lines, so a gzip error belongs to the file, not to a line.
            throw isGzip(file) ? new DataFormatException(file, "cannot read: " + describe(e))
                    : new DataFormatException(file, lineNumber + 1, null, "cannot read: " + describe(e));
        }
    }

    private static boolean isGzip(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == GZIP_MAGIC_0 && in.read() == GZIP_MAGIC_1;
        } catch (IOException e) {
            return false;
        }
    }

    private static String decode(CharsetDecoder decoder, ByteArrayOutputStream buffer, Path file, long lineNumber) {
        byte[] bytes = buffer.toByteArray();
        int length = bytes.length;
        if (length > 0 && bytes[length - 1] == '\r') {
            length--;
        }
        int start = lineNumber == 1 && length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb
                && (bytes[2] & 0xff) == 0xbf ? 3 : 0;
        try {
            decoder.reset();
            return decoder.decode(ByteBuffer.wrap(bytes, start, length - start)).toString();
        } catch (CharacterCodingException e) {
            throw new DataFormatException(file, lineNumber, null, "invalid UTF-8 text");
        }
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        if (e instanceof java.io.EOFException) {
            return "unexpected end of file (truncated or corrupt gzip?)";
        }
        if (message != null && message.startsWith("Unexpected data after a valid .gz stream")) {
            return "bytes follow the end of the gzip data (a corrupt file: gzip -t reports it too)";
        }
        if (e instanceof java.util.zip.ZipException || (message != null && message.contains(".gz"))) {
            return "corrupt gzip data (" + message + ")";
        }
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
