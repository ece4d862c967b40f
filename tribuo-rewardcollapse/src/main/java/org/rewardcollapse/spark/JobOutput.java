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
package org.rewardcollapse.spark;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Spark job's output directory on any Hadoop file system: written into a hidden work directory beside it and
 * renamed into place when complete. An existing output is replaced only with {@code --force}, and only when it is an
 * earlier output of this job holding nothing else (the rule of the command line's outputs: a file a user added, or a
 * folder that merely holds a file of the marker's name, is refused, naming it). Work directories are named
 * {@code .OUT.work-hHOST-pPID-SUFFIX}; one left by a driver that was killed is removed by the next job at the same
 * output: at once when its driver ran on this host and is gone, after {@value #STALE_HOURS} hours without a change
 * when it ran elsewhere.
 */
final class JobOutput {
    /** Hours after which a work directory of another host's driver is taken for a leftover. */
    static final int STALE_HOURS = 24;
    private static final Logger logger = Logger.getLogger(JobOutput.class.getName());
    /** What Spark writes inside the scores and bad-rows directories. */
    private static final Pattern PART = Pattern.compile("\\.?(part-.*|_SUCCESS)(\\.crc)?");
    private static final String HOST = hostName();
    private static final long PID = ProcessHandle.current().pid();

    private final FileSystem fs;
    private final Path target;
    private final String marker;
    private final Set<String> files;
    private final Set<String> partsDirectories;

    /**
     * The output of the scoring job ({@link SparkScoreJob}).
     * @param fs The file system.
     * @param target The output directory.
     */
    JobOutput(FileSystem fs, Path target) {
        this(fs, target, SparkScoreJob.MARKER, Set.of(SparkScoreJob.METRICS), Set.of(SparkScoreJob.SCORES,
                SparkScoreJob.BAD_ROWS));
    }

    /**
     * The output of a job.
     * @param fs The file system.
     * @param target The output directory.
     * @param marker The file that marks the job's output.
     * @param files The other files the job writes at the top of its output.
     * @param partsDirectories The directories of Spark's part files it writes there.
     */
    JobOutput(FileSystem fs, Path target, String marker, Set<String> files, Set<String> partsDirectories) {
        this.fs = fs;
        this.target = target;
        this.marker = marker;
        this.files = files;
        this.partsDirectories = partsDirectories;
    }

    /**
     * Refuses an existing output unless forced and written by this job with nothing else in it.
     * @param force Was {@code --force} given?
     * @throws IllegalArgumentException In one line naming what is in the way.
     * @throws IOException If the file system cannot be read.
     */
    void requireReplaceable(boolean force) throws IOException {
        if (!fs.exists(target)) {
            return;
        }
        if (!force) {
            throw new IllegalArgumentException(target + " exists; give --force to replace an earlier output of this job");
        }
        FileStatus mark = fs.exists(new Path(target, marker)) ? fs.getFileStatus(new Path(target, marker)) : null;
        if (!fs.getFileStatus(target).isDirectory() || mark == null || !mark.isFile()) {
            throw new IllegalArgumentException(target + " exists and is not an output of this job; --force replaces "
                    + "only those");
        }
        for (FileStatus entry : fs.listStatus(target)) {
            String name = entry.getPath().getName();
            boolean ours = entry.isDirectory() ? isPartsDirectory(name, entry.getPath())
                    : isFile(name) || name.startsWith(".") && name.endsWith(".crc")
                    && isFile(name.substring(1, name.length() - 4));
            if (!ours) {
                throw new IllegalArgumentException(target + " holds " + name + (entry.isDirectory() ? "/" : "")
                        + ", which this job did not write; --force replaces only an earlier output of this job "
                        + "holding nothing else");
            }
        }
    }

    /** Is this the name of one of the job's files at the top of its output? */
    private boolean isFile(String name) {
        return name.equals(marker) || files.contains(name);
    }

    /** Is this one of the job's directories of parts, holding nothing but Spark's part files? */
    private boolean isPartsDirectory(String name, Path directory) throws IOException {
        if (!partsDirectories.contains(name)) {
            return false;
        }
        for (FileStatus part : fs.listStatus(directory)) {
            if (part.isDirectory() || !PART.matcher(part.getPath().getName()).matches()) {
                return false;
            }
        }
        return true;
    }

    /**
     * A new work directory's path beside the output (not yet created).
     * @return The path.
     */
    Path newWorkDirectory() {
        String digits = Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36);
        return new Path(target.getParent(), "." + target.getName() + ".work-h" + HOST + "-p" + PID + "-"
                + "0".repeat(13 - digits.length()) + digits);
    }

    /**
     * Removes the work directories beside the output that drivers killed earlier left behind.
     */
    void removeStaleWork() {
        Pattern mine = Pattern.compile(Pattern.quote("." + target.getName() + ".work-h") + "(.+)-p(\\d+)-[0-9a-z]{13}");
        try {
            FileStatus[] siblings = fs.listStatus(target.getParent(), path -> path.getName().startsWith("."
                    + target.getName() + ".work-h"));
            for (FileStatus sibling : siblings) {
                Matcher m = mine.matcher(sibling.getPath().getName());
                if (m.matches() && sibling.isDirectory() && stale(sibling.getPath(), m.group(1), Long.parseLong(m.group(2)))) {
                    logger.info(() -> "removing " + sibling.getPath() + ", left by a driver that was stopped");
                    fs.delete(sibling.getPath(), true);
                }
            }
        } catch (IOException | RuntimeException e) {
            logger.fine(() -> "could not look for stale work directories beside " + target + ": " + e.getMessage());
        }
    }

    private boolean stale(Path directory, String host, long pid) throws IOException {
        if (host.equals(HOST)) {
            return pid != PID && ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
        }
        long cutoff = System.currentTimeMillis() - STALE_HOURS * 3_600_000L;
        if (fs.getFileStatus(directory).getModificationTime() >= cutoff) {
            return false;
        }
        RemoteIterator<LocatedFileStatus> files = fs.listFiles(directory, true);
        while (files.hasNext()) {
            if (files.next().getModificationTime() >= cutoff) {
                return false;
            }
        }
        return true;
    }

    private static String hostName() {
        String name;
        try {
            name = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            name = "unknown";
        }
        String safe = name.replaceAll("[^A-Za-z0-9-]", "-");
        return safe.isEmpty() ? "unknown" : safe.substring(0, Math.min(safe.length(), 40));
    }
}
