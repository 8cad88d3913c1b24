# Moonshot bot image: `docker compose up` runs `npm start` (moonshot run) with data/ on a volume.
FROM node:20-slim

WORKDIR /app
ENV NODE_ENV=production

# Dependencies first, so code changes do not re-install them. sqlite3 fetches a prebuilt binary.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# Only what the bot runs: the command runs the TypeScript sources directly (tsx), no build step.
COPY bin ./bin
COPY src ./src
COPY config ./config
COPY tsconfig.json ./

# The embedded store (SQLite) lives here; mount a volume so it survives the container.
RUN mkdir -p /app/data && chown -R node:node /app/data
VOLUME ["/app/data"]
USER node

CMD ["npm", "start"]
