/*
 * c-loop: the floor of `surge bench peers`. A single-threaded, level-triggered epoll server
 * that parses nothing: it counts request terminators ("\r\n\r\n") and answers each complete
 * request with one fixed, pre-built response. All responses owed for one read leave in one
 * write(). No real server can do less work per request, so its CPU time per request is the
 * cost of the kernel's socket path on this machine, the baseline the others are measured by.
 *
 * Usage: c-loop PORT   (listens on 127.0.0.1 only)
 * Build: gcc -O2 -o c-loop c-loop.c
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_FDS 65536
#define READ_SIZE 65536
#define MAX_EVENTS 256

/* Per connection: how much of "\r\n\r\n" the last read ended in (so a terminator split
 * across reads still counts once), and response bytes owed but not yet written. */
struct conn {
    int matched;
    size_t owed_bytes;
    char *owed;
};

static struct conn conns[MAX_FDS];
static char response[256];
static size_t response_len;
static char readbuf[READ_SIZE];
static char *writebuf;
static size_t writebuf_cap;

static void die(const char *what) {
    perror(what);
    exit(1);
}

/* The Date header is built once at start: a fixed response is the point of this peer. */
static void build_response(void) {
    char date[64];
    time_t now = time(NULL);
    strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S GMT", gmtime(&now));
    response_len = (size_t)snprintf(response, sizeof response,
        "HTTP/1.1 200 OK\r\nServer: c-loop\r\nDate: %s\r\nContent-Type: text/plain\r\n"
        "Content-Length: 13\r\n\r\nHello, World!", date);
}

/* Counts terminators in buf, carrying the partial match of the previous read in *matched. */
static size_t count_requests(const char *buf, size_t n, int *matched) {
    static const char term[4] = {'\r', '\n', '\r', '\n'};
    size_t count = 0;
    int m = *matched;
    for (size_t i = 0; i < n; i++) {
        char c = buf[i];
        if (c == term[m]) {
            if (++m == 4) { count++; m = 0; }
        } else {
            m = (c == '\r') ? 1 : 0;
        }
    }
    *matched = m;
    return count;
}

static void close_conn(int epfd, int fd) {
    epoll_ctl(epfd, EPOLL_CTL_DEL, fd, NULL);
    close(fd);
    free(conns[fd].owed);
    memset(&conns[fd], 0, sizeof conns[fd]);
}

/* Writes what it can of buf. The rest is kept as owed, and the connection stops reading (epoll
 * asks for EPOLLOUT only) until it is written: a client that does not read gets backpressure. */
static int send_or_keep(int epfd, int fd, const char *buf, size_t len) {
    ssize_t w = write(fd, buf, len);
    if (w < 0) {
        if (errno != EAGAIN && errno != EWOULDBLOCK) return -1;
        w = 0;
    }
    size_t rest = len - (size_t)w;
    if (rest == 0) return 0;
    struct conn *c = &conns[fd];
    c->owed = malloc(rest);
    if (!c->owed) return -1;
    memcpy(c->owed, buf + w, rest);
    c->owed_bytes = rest;
    struct epoll_event ev = {.events = EPOLLOUT, .data.fd = fd};
    return epoll_ctl(epfd, EPOLL_CTL_MOD, fd, &ev);
}

static int answer(int epfd, int fd, size_t requests) {
    size_t need = requests * response_len;
    if (need > writebuf_cap) {
        free(writebuf);
        writebuf_cap = need * 2;
        writebuf = malloc(writebuf_cap);
        if (!writebuf) die("malloc");
    }
    for (size_t i = 0; i < requests; i++) memcpy(writebuf + i * response_len, response, response_len);
    return send_or_keep(epfd, fd, writebuf, need);
}

static void on_readable(int epfd, int fd) {
    struct conn *c = &conns[fd];
    ssize_t n = read(fd, readbuf, sizeof readbuf);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
    if (n <= 0) {
        close_conn(epfd, fd);
        return;
    }
    size_t requests = count_requests(readbuf, (size_t)n, &c->matched);
    if (requests > 0 && answer(epfd, fd, requests) < 0) close_conn(epfd, fd);
}

static void on_writable(int epfd, int fd) {
    struct conn *c = &conns[fd];
    ssize_t w = write(fd, c->owed, c->owed_bytes);
    if (w < 0) {
        if (errno != EAGAIN && errno != EWOULDBLOCK) close_conn(epfd, fd);
        return;
    }
    c->owed_bytes -= (size_t)w;
    memmove(c->owed, c->owed + w, c->owed_bytes);
    if (c->owed_bytes > 0) return;
    free(c->owed);
    c->owed = NULL;
    struct epoll_event ev = {.events = EPOLLIN, .data.fd = fd};
    epoll_ctl(epfd, EPOLL_CTL_MOD, fd, &ev);
}

static int listen_on(int port) {
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    if (fd < 0) die("socket");
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(fd, (struct sockaddr *)&addr, sizeof addr) < 0) die("bind");
    if (listen(fd, 8192) < 0) die("listen");
    return fd;
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s PORT   (listens on 127.0.0.1)\n", argv[0]);
        return 2;
    }
    signal(SIGPIPE, SIG_IGN);
    build_response();
    int lfd = listen_on(atoi(argv[1]));
    int epfd = epoll_create1(0);
    if (epfd < 0) die("epoll_create1");
    struct epoll_event ev = {.events = EPOLLIN, .data.fd = lfd};
    if (epoll_ctl(epfd, EPOLL_CTL_ADD, lfd, &ev) < 0) die("epoll_ctl");
    printf("c-loop listening on http://127.0.0.1:%s/plaintext\n", argv[1]);
    fflush(stdout);

    struct epoll_event events[MAX_EVENTS];
    for (;;) {
        int n = epoll_wait(epfd, events, MAX_EVENTS, -1);
        if (n < 0) {
            if (errno == EINTR) continue;
            die("epoll_wait");
        }
        for (int i = 0; i < n; i++) {
            int fd = events[i].data.fd;
            if (fd == lfd) {
                int cfd;
                while ((cfd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK)) >= 0) {
                    if (cfd >= MAX_FDS) { close(cfd); continue; }
                    int one = 1;
                    setsockopt(cfd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
                    struct epoll_event cev = {.events = EPOLLIN, .data.fd = cfd};
                    epoll_ctl(epfd, EPOLL_CTL_ADD, cfd, &cev);
                }
                continue;
            }
            if (events[i].events & (EPOLLERR | EPOLLHUP)) { close_conn(epfd, fd); continue; }
            if (events[i].events & EPOLLOUT) on_writable(epfd, fd);
            else if (events[i].events & EPOLLIN) on_readable(epfd, fd);
        }
    }
}
