import { defineConfig } from '@playwright/test';
import base from '../playwright.config';
export default defineConfig({ ...base, testDir: '.', webServer: undefined, reporter: 'list', use: { ...base.use, baseURL: 'http://127.0.0.1:5199' } });
