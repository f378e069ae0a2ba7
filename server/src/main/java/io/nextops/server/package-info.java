/** server */ package io.nextops.server;
