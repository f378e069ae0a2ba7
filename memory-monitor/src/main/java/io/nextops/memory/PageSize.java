package io.nextops.memory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import oshi.software.os.linux.LinuxOperatingSystem;

/**
 * The OS page size: on Linux from the process's auxiliary vector ({@code /proc/self/auxv}, entry {@code AT_PAGESZ}),
 * which needs no native access; else from OSHI; 4096 when it cannot be had. Reading auxv keeps OSHI and JNA (~120
 * classes, a native library and a cleaner thread) out of a Linux process that only wants its RSS.
 */
final class PageSize {
    /** {@code AT_PAGESZ} in {@code <elf.h>}. */
    static final long AT_PAGESZ = 6;

    private PageSize() {
    }

    static long bytes() {
        long fromAuxv = fromAuxv(Path.of("/proc/self/auxv"), ByteOrder.nativeOrder(), wordBytes());
        if (fromAuxv > 0) {
            return fromAuxv;
        }
        try {
            long size = LinuxOperatingSystem.getPageSize();
            return size > 0 ? size : 4096;
        } catch (RuntimeException | LinkageError e) {
            return 4096;
        }
    }

    /** The {@code AT_PAGESZ} value of an auxv file of (type, value) word pairs; -1 when absent or unreadable. */
    static long fromAuxv(Path auxv, ByteOrder order, int wordBytes) {
        byte[] bytes;
        try {
            if (!Files.isReadable(auxv)) {
                return -1;
            }
            bytes = Files.readAllBytes(auxv);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(order);
        while (buffer.remaining() >= 2 * wordBytes) {
            long type = wordBytes == 8 ? buffer.getLong() : Integer.toUnsignedLong(buffer.getInt());
            long value = wordBytes == 8 ? buffer.getLong() : Integer.toUnsignedLong(buffer.getInt());
            if (type == 0) {
                return -1; // AT_NULL ends the vector
            }
            if (type == AT_PAGESZ) {
                return value > 0 && Long.bitCount(value) == 1 ? value : -1;
            }
        }
        return -1;
    }

    private static int wordBytes() {
        return "32".equals(System.getProperty("sun.arch.data.model")) ? 4 : 8;
    }
}
