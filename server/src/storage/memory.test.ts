import { describeStorageContract } from "../test/storageContract.js";
import { createMemoryStorage, type MemoryStorageData } from "./memoryStorage.js";

let data: MemoryStorageData | undefined;

describeStorageContract("in-memory", {
  async create() {
    const storage = createMemoryStorage();
    data = storage.data;
    return storage;
  },
  async reopen() {
    return createMemoryStorage(data);
  },
  async cleanup() {
    data = undefined;
  },
});
